import { and, eq } from "drizzle-orm";
import { contacts, type NotifyPrefsJson } from "../../../schema/tables/accounts";
import {
	emailOptOuts,
	type NotifyStage,
	notifyStages,
	type StaffNotifyStage,
	staffNotifyStages,
} from "../../../schema/tables/notifications";
import { staff } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import { newId } from "../ids";
import type { UnsubscribeSubject } from "./unsubscribe-token";

export type EmailPreferences = { email: Record<NotifyStage, boolean> };

/** One stage's switch as stored; `onTheWay` is the older spelling of `on_the_way`. */
export function stageOn(prefs: NotifyPrefsJson, stage: NotifyStage): boolean {
	const stored = prefs[stage] ?? (stage === "on_the_way" ? prefs.onTheWay : undefined);
	return stored !== false;
}

export function preferencesOf(prefs: NotifyPrefsJson): EmailPreferences {
	return {
		email: Object.fromEntries(notifyStages.map((s) => [s, stageOn(prefs, s)])) as Record<
			NotifyStage,
			boolean
		>,
	};
}

async function contactPrefs(db: Db, tenantId: string, contactId: string) {
	const row = await db
		.select({ notifyPrefs: contacts.notifyPrefs })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
		.get();
	if (!row) throw notFound("That contact");
	return row.notifyPrefs;
}

export async function readPreferences(
	db: Db,
	tenantId: string,
	contactId: string,
): Promise<EmailPreferences> {
	return preferencesOf(await contactPrefs(db, tenantId, contactId));
}

/** Changes the stages sent; stages left out keep their switch. */
export async function changePreferences(
	db: Db,
	tenantId: string,
	contactId: string,
	change: Partial<Record<NotifyStage, boolean>>,
): Promise<EmailPreferences> {
	const current = await contactPrefs(db, tenantId, contactId);
	const { onTheWay: _legacy, ...rest } = current;
	const next: NotifyPrefsJson = {
		...rest,
		...(_legacy === undefined ? {} : { on_the_way: _legacy }),
		...change,
	};
	await db
		.update(contacts)
		.set({ notifyPrefs: next })
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
	return preferencesOf(next);
}

/**
 * Turns one stage off (or back on) for the token's subject: a contact's preference, or an opt-out
 * row for an address without an account. False when the contact no longer exists.
 */
export async function setSubscription(db: Db, subject: UnsubscribeSubject, on: boolean, now = Date.now()) {
	if (subject.contactId) {
		try {
			await changePreferences(db, subject.tenantId, subject.contactId, { [subject.stage]: on });
			return true;
		} catch {
			return false;
		}
	}
	const email = subject.email ?? "";
	if (on) {
		await db
			.delete(emailOptOuts)
			.where(
				and(
					eq(emailOptOuts.tenantId, subject.tenantId),
					eq(emailOptOuts.emailNormalized, email),
					eq(emailOptOuts.stage, subject.stage),
				),
			);
	} else {
		await db
			.insert(emailOptOuts)
			.values({
				id: newId("opt"),
				tenantId: subject.tenantId,
				emailNormalized: email,
				stage: subject.stage,
				createdAt: now,
			})
			.onConflictDoNothing();
	}
	return true;
}

/** A contact's name, email and phone for the portal's profile page. */
export async function readProfile(db: Db, tenantId: string, contactId: string) {
	const row = await db
		.select({ name: contacts.name, email: contacts.email, phone: contacts.phone })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
		.get();
	if (!row) throw notFound("That contact");
	return row;
}

/** Changes the contact's name or phone; only the fields sent change. */
export async function changeProfile(
	db: Db,
	tenantId: string,
	contactId: string,
	change: { name?: string; phone?: string | null },
) {
	const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
	if (Object.keys(set).length) {
		await db
			.update(contacts)
			.set(set)
			.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
	}
	return readProfile(db, tenantId, contactId);
}

export type StaffPreferences = { email: Record<StaffNotifyStage, boolean> };

/** A dispatcher's switch for one customer action as stored: off unless chosen; payments on unless turned off. */
export function staffStageOn(
	prefs: Partial<Record<StaffNotifyStage, boolean>>,
	stage: StaffNotifyStage,
): boolean {
	return prefs[stage] ?? stage === "payment";
}

/** A dispatcher's emails about customer actions: off unless they opted in; payments on unless turned off. */
export async function readStaffPreferences(
	db: Db,
	tenantId: string,
	staffId: string,
): Promise<StaffPreferences> {
	const row = await db
		.select({ notifyPrefs: staff.notifyPrefs })
		.from(staff)
		.where(and(eq(staff.tenantId, tenantId), eq(staff.id, staffId)))
		.get();
	if (!row) throw notFound("That person");
	return {
		email: Object.fromEntries(staffNotifyStages.map((s) => [s, staffStageOn(row.notifyPrefs, s)])) as Record<
			StaffNotifyStage,
			boolean
		>,
	};
}

export async function changeStaffPreferences(
	db: Db,
	tenantId: string,
	staffId: string,
	change: Partial<Record<StaffNotifyStage, boolean>>,
): Promise<StaffPreferences> {
	const current = await readStaffPreferences(db, tenantId, staffId);
	const next = { ...current.email, ...change };
	await db
		.update(staff)
		.set({ notifyPrefs: next })
		.where(and(eq(staff.tenantId, tenantId), eq(staff.id, staffId)));
	return { email: next };
}
