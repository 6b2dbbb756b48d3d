import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import {
	accounts,
	contactLocations,
	contacts,
	locations,
	savedAddresses,
} from "../../../schema/tables/accounts";
import { auditLog } from "../../../schema/tables/activity";
import {
	contactInvites,
	customerImportChunks,
	customerImports,
	type ImportRecord,
} from "../../../schema/tables/imports";
import { staff } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { newId } from "../ids";
import { sha256Hex } from "../sha256";
import { contactChanges, type ExistingContact, normalizeName } from "./rows";

/** D1 binds at most 100 values per statement; multi-row statements stay under it. */
const MAX_BOUND = 90;

function slices<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/**
 * The id of a row an import creates, derived from what it is keyed by: two writers of the same
 * account or location (a redelivered chunk, two chunks at once) insert the same id, and the
 * second insert does nothing. Rows created elsewhere are matched by their normalized name first.
 */
async function keyedId(prefix: string, ...key: string[]): Promise<string> {
	return `${prefix}_${(await sha256Hex(key.join("\u0000"))).slice(0, 32)}`;
}

type AccountPlan = { id: string; name: string };
type LocationPlan = { id: string; accountId: string; name: string; record: ImportRecord };

async function resolvePlaces(db: Db, tenantId: string, records: ImportRecord[]) {
	const [accountRows, locationRows] = await db.batch([
		db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.tenantId, tenantId)),
		db
			.select({ id: locations.id, accountId: locations.accountId, name: locations.name })
			.from(locations)
			.where(eq(locations.tenantId, tenantId)),
	]);
	const accountIds = new Map(accountRows.map((a) => [normalizeName(a.name), a.id]));
	const locationIds = new Map(
		locationRows.map((l) => [`${l.accountId}\u0000${normalizeName(l.name)}`, l.id]),
	);
	const newAccounts = new Map<string, AccountPlan>();
	const newLocations = new Map<string, LocationPlan>();
	const placeOf = new Map<ImportRecord, { accountId: string | null; locationId: string | null }>();
	for (const record of records) {
		let accountId: string | null = null;
		let locationId: string | null = null;
		if (record.account) {
			const key = normalizeName(record.account);
			accountId = accountIds.get(key) ?? null;
			if (!accountId) {
				accountId = await keyedId("acc", tenantId, key);
				accountIds.set(key, accountId);
				newAccounts.set(accountId, { id: accountId, name: record.account });
			}
			if (record.location) {
				const locKey = `${accountId}\u0000${normalizeName(record.location)}`;
				locationId = locationIds.get(locKey) ?? null;
				if (!locationId) {
					locationId = await keyedId("loc", tenantId, locKey);
					locationIds.set(locKey, locationId);
					newLocations.set(locationId, { id: locationId, accountId, name: record.location, record });
				}
			}
		}
		placeOf.set(record, { accountId, locationId });
	}
	return { newAccounts: [...newAccounts.values()], newLocations: [...newLocations.values()], placeOf };
}

async function existingByEmail(db: Db, tenantId: string, emails: string[]) {
	const found = new Map<string, ExistingContact>();
	for (const part of slices(emails, MAX_BOUND)) {
		const rows = await db
			.select({ emailNormalized: contacts.emailNormalized, name: contacts.name, phone: contacts.phone })
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenantId), inArray(contacts.emailNormalized, part)));
		for (const r of rows) found.set(r.emailNormalized, r);
	}
	return found;
}

export type ChunkWrite = { written: boolean; finished: boolean };

/**
 * Writes one committed chunk of an import in one atomic D1 batch: its accounts and locations
 * (upserted by normalized name), saved addresses, and contacts (upserted by normalized email
 * within the tenant: a new name or phone replaces the old, an empty cell keeps it), the
 * contacts' invitations-to-be, and the chunk's counts. A chunk written already is skipped, so a
 * redelivered message changes nothing. The chunk that completes the import audits it.
 */
export async function writeImportChunk(
	db: Db,
	target: { tenantId: string; importId: string; seq: number },
	now = Date.now(),
): Promise<ChunkWrite> {
	const { tenantId, importId } = target;
	const chunk = await db
		.select()
		.from(customerImportChunks)
		.where(
			and(
				eq(customerImportChunks.tenantId, tenantId),
				eq(customerImportChunks.importId, importId),
				eq(customerImportChunks.seq, target.seq),
			),
		)
		.get();
	if (!chunk?.records) return { written: false, finished: false };
	if (chunk.doneAt) return { written: false, finished: await finishImport(db, tenantId, importId, now) };
	const records = chunk.records;
	const existing = await existingByEmail(
		db,
		tenantId,
		records.map((r) => r.emailNormalized),
	);
	const { newAccounts, newLocations, placeOf } = await resolvePlaces(db, tenantId, records);
	const counts = { newCount: 0, updatedCount: 0, unchangedCount: 0 };
	for (const record of records) {
		const contact = existing.get(record.emailNormalized);
		if (!contact) counts.newCount += 1;
		else if (contactChanges(record, contact).length > 0) counts.updatedCount += 1;
		else counts.unchangedCount += 1;
	}
	const statements = [];
	for (const part of slices(newAccounts, Math.floor(MAX_BOUND / 6))) {
		statements.push(
			db
				.insert(accounts)
				.values(
					part.map((a) => ({
						id: a.id,
						tenantId,
						name: a.name,
						kind: "commercial" as const,
						phone: null,
						createdAt: now,
					})),
				)
				.onConflictDoNothing(),
		);
	}
	for (const part of slices(newLocations, Math.floor(MAX_BOUND / 13))) {
		statements.push(
			db
				.insert(locations)
				.values(
					part.map((l) => ({
						id: l.id,
						tenantId,
						accountId: l.accountId,
						name: l.name,
						line1: l.record.address ?? "",
						line2: null,
						city: l.record.city ?? "",
						region: null,
						postalCode: l.record.postcode,
						country: "US",
						lat: null,
						lng: null,
						createdAt: now,
					})),
				)
				.onConflictDoNothing(),
		);
	}
	const addresses = [];
	for (const record of records) {
		const place = placeOf.get(record);
		if (!record.address || !record.city || !place?.accountId) continue;
		const id = await keyedId(
			"adr",
			tenantId,
			place.accountId,
			place.locationId ?? "",
			normalizeName(record.address),
			normalizeName(record.city),
		);
		addresses.push({
			id,
			tenantId,
			accountId: place.accountId,
			locationId: place.locationId,
			label: record.location ?? record.address,
			line1: record.address,
			city: record.city,
			postalCode: record.postcode,
			instructions: record.notes,
			createdAt: now,
		});
	}
	for (const part of slices(
		[...new Map(addresses.map((a) => [a.id, a])).values()],
		Math.floor(MAX_BOUND / 16),
	)) {
		statements.push(db.insert(savedAddresses).values(part).onConflictDoNothing());
	}
	for (const part of slices(records, Math.floor(MAX_BOUND / 16))) {
		statements.push(
			db
				.insert(contacts)
				.values(
					part.map((r) => ({
						id: newId("con"),
						tenantId,
						accountId: placeOf.get(r)?.accountId ?? null,
						locationId: placeOf.get(r)?.locationId ?? null,
						name: r.name,
						email: r.email,
						emailNormalized: r.emailNormalized,
						phone: r.phone,
						role: r.role,
						createdAt: now,
					})),
				)
				.onConflictDoUpdate({
					target: [contacts.tenantId, contacts.emailNormalized],
					set: {
						name: sql`CASE WHEN excluded.name <> '' THEN excluded.name ELSE ${contacts.name} END`,
						phone: sql`coalesce(excluded.phone, ${contacts.phone})`,
					},
				}),
		);
	}
	for (const part of slices(records, MAX_BOUND - 2)) {
		// A contact of a location is scoped to it (kept when they had it already).
		statements.push(
			db
				.insert(contactLocations)
				.select(
					db
						.select({
							tenantId: contacts.tenantId,
							contactId: sql<string>`${contacts.id}`.as("contact_id"),
							locationId: sql<string>`${contacts.locationId}`.as("location_id"),
						})
						.from(contacts)
						.where(
							and(
								eq(contacts.tenantId, tenantId),
								inArray(
									contacts.emailNormalized,
									part.map((r) => r.emailNormalized),
								),
								isNotNull(contacts.locationId),
							),
						),
				)
				.onConflictDoNothing(),
		);
	}
	for (const part of slices(records, MAX_BOUND - 3)) {
		// Every contact of the import may be invited, unless invited already (by any import).
		statements.push(
			db
				.insert(contactInvites)
				.select(
					db
						.select({
							id: sql<string>`'inv_' || lower(hex(randomblob(16)))`.as("id"),
							tenantId: contacts.tenantId,
							contactId: sql<string>`${contacts.id}`.as("contact_id"),
							importId: sql<string>`${importId}`.as("import_id"),
							requestedAt: sql<null>`NULL`.as("requested_at"),
							sentAt: sql<null>`NULL`.as("sent_at"),
						})
						.from(contacts)
						.where(
							and(
								eq(contacts.tenantId, tenantId),
								inArray(
									contacts.emailNormalized,
									part.map((r) => r.emailNormalized),
								),
								isNull(contacts.blockedAt),
							),
						),
				)
				.onConflictDoUpdate({
					target: [contactInvites.tenantId, contactInvites.contactId],
					set: { importId: sql`excluded.import_id` },
					setWhere: sql`${contactInvites.requestedAt} IS NULL AND ${contactInvites.sentAt} IS NULL`,
				}),
		);
	}
	await db.batch([
		db
			.update(customerImportChunks)
			.set({ doneAt: now, ...counts })
			.where(and(eq(customerImportChunks.id, chunk.id), isNull(customerImportChunks.doneAt))),
		...statements,
	]);
	return { written: true, finished: await finishImport(db, tenantId, importId, now) };
}

/** What an import's chunks came to so far, and how many of its rows are done. */
export async function importTotals(db: Db, tenantId: string, importId: string) {
	const row = await db
		.select({
			doneRows: sql<number>`coalesce(sum(CASE WHEN ${customerImportChunks.doneAt} IS NOT NULL THEN json_array_length(${customerImportChunks.rows}) ELSE 0 END), 0)`,
			newCount: sql<number>`coalesce(sum(${customerImportChunks.newCount}), 0)`,
			updatedCount: sql<number>`coalesce(sum(${customerImportChunks.updatedCount}), 0)`,
			unchangedCount: sql<number>`coalesce(sum(${customerImportChunks.unchangedCount}), 0)`,
		})
		.from(customerImportChunks)
		.where(and(eq(customerImportChunks.tenantId, tenantId), eq(customerImportChunks.importId, importId)))
		.get();
	return row ?? { doneRows: 0, newCount: 0, updatedCount: 0, unchangedCount: 0 };
}

/** Marks the import finished once every chunk is written, and audits it, exactly once. */
async function finishImport(db: Db, tenantId: string, importId: string, now: number): Promise<boolean> {
	const [finished] = await db
		.update(customerImports)
		.set({ finishedAt: now })
		.where(
			and(
				eq(customerImports.tenantId, tenantId),
				eq(customerImports.id, importId),
				isNull(customerImports.finishedAt),
				sql`NOT EXISTS (SELECT 1 FROM customer_import_chunks WHERE tenant_id = ${tenantId} AND import_id = ${importId} AND done_at IS NULL)`,
			),
		)
		.returning();
	if (!finished) return false;
	const [totals, by] = await Promise.all([
		importTotals(db, tenantId, importId),
		db
			.select({ name: staff.name })
			.from(staff)
			.where(and(eq(staff.tenantId, tenantId), eq(staff.id, finished.committedBy ?? "")))
			.get(),
	]);
	await db.insert(auditLog).values({
		id: newId("aud"),
		tenantId,
		actorType: "staff",
		actorId: finished.committedBy,
		actorLabel: by?.name ?? null,
		action: "customers.imported",
		targetType: "import",
		targetId: importId,
		data: {
			fileName: finished.fileName,
			rows: finished.rowCount,
			new: totals.newCount,
			updated: totals.updatedCount,
			duplicate: finished.duplicateCount + totals.unchangedCount,
			error: finished.errorCount,
			startedAt: finished.committedAt,
		},
		createdAt: now,
	});
	return true;
}
