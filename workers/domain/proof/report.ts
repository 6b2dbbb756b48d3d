import { and, desc, eq, inArray } from "drizzle-orm";
import { accounts } from "../../../schema/tables/accounts";
import { jobPhotos, jobStops, jobs } from "../../../schema/tables/jobs";
import { jobCompletions } from "../../../schema/tables/proof";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import type { LoadFont, PdfTenant } from "../../pdf/layout";
import { sniffImageType } from "../tenant/media";

const REPORT_PHOTOS = 6;

/** The job's completion (the last one, completed), for the proof and the report; undefined when none. */
export async function completedProof(db: Db, tenantId: string, jobId: string) {
	const [row] = await db
		.select()
		.from(jobCompletions)
		.where(
			and(
				eq(jobCompletions.tenantId, tenantId),
				eq(jobCompletions.jobId, jobId),
				eq(jobCompletions.outcome, "completed"),
			),
		)
		.orderBy(desc(jobCompletions.createdAt))
		.limit(1);
	return row;
}

const reportKeyOf = (tenantId: string, jobId: string, completionId: string) =>
	`p/${tenantId}/jobs/${jobId}/report-${completionId}.pdf`;

async function imageOf(media: R2Bucket, key: string) {
	const object = await media.get(key);
	if (!object) return null;
	const bytes = new Uint8Array(await object.arrayBuffer());
	const type = sniffImageType(bytes);
	return type === "image/png"
		? { bytes, type: "png" as const }
		: type === "image/jpeg"
			? { bytes, type: "jpeg" as const }
			: null;
}

/**
 * The service report of a completed job of the tenant (visibility checked before): read from R2
 * when it was generated, else written once now under a key of the completion (so two writers
 * write the same file) and remembered on the completion. 404 for a job not completed.
 */
export async function jobReport(
	deps: { db: Db; media: R2Bucket; loadFont: LoadFont; currency: string },
	tenant: PdfTenant & { id: string },
	jobId: string,
): Promise<{ bytes: Uint8Array; number: number }> {
	const { db, media } = deps;
	const [[job], stops, [completion]] = await db.batch([
		db
			.select({
				number: jobs.number,
				kind: jobs.kind,
				reference: jobs.reference,
				customerName: jobs.customerName,
				description: jobs.description,
				accountName: accounts.name,
			})
			.from(jobs)
			.leftJoin(accounts, and(eq(accounts.tenantId, jobs.tenantId), eq(accounts.id, jobs.accountId)))
			.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, jobId), eq(jobs.status, "completed"))),
		db
			.select()
			.from(jobStops)
			.where(and(eq(jobStops.tenantId, tenant.id), eq(jobStops.jobId, jobId)))
			.orderBy(jobStops.seq),
		db
			.select()
			.from(jobCompletions)
			.where(
				and(
					eq(jobCompletions.tenantId, tenant.id),
					eq(jobCompletions.jobId, jobId),
					eq(jobCompletions.outcome, "completed"),
				),
			)
			.orderBy(desc(jobCompletions.createdAt))
			.limit(1),
	]);
	if (!job || !completion) throw notFound("That report");
	if (completion.reportKey) {
		const stored = await media.get(completion.reportKey);
		if (stored) return { bytes: new Uint8Array(await stored.arrayBuffer()), number: job.number };
	}
	const photoRows = completion.photoIds.length
		? await db
				.select({ key: jobPhotos.objectKey })
				.from(jobPhotos)
				.where(
					and(
						eq(jobPhotos.tenantId, tenant.id),
						eq(jobPhotos.jobId, jobId),
						inArray(jobPhotos.id, completion.photoIds.slice(0, REPORT_PHOTOS)),
					),
				)
		: [];
	const [signature, ...photos] = await Promise.all([
		completion.signatureKey ? imageOf(media, completion.signatureKey) : null,
		...photoRows.map((p) => imageOf(media, p.key)),
	]);
	// The renderer (pdf-lib, fontkit and its Unicode tables) loads on the first report: imported
	// at the top, fontkit would decompress its tables at every Worker's start.
	const { renderReportPdf } = await import("../../pdf/report-pdf");
	const bytes = await renderReportPdf({
		loadFont: deps.loadFont,
		tenant,
		currency: deps.currency,
		job,
		stops: stops.map((s) => ({
			kind: s.kind,
			address: [s.line1, s.line2, s.city].filter(Boolean).join(", "),
			arrivedAt: s.arrivedAt,
		})),
		completion: {
			outcome: completion.outcome,
			at: completion.createdAt,
			technicianName: completion.technicianName,
			recipientName: completion.recipientName,
			place: completion.place,
			note: completion.note,
			workDone: completion.workDone,
			parts: completion.parts,
		},
		signature: signature?.type === "png" ? signature.bytes : null,
		photos: photos.filter((p) => p !== null),
	});
	const key = reportKeyOf(tenant.id, jobId, completion.id);
	await media.put(key, bytes, { httpMetadata: { contentType: "application/pdf" } });
	await db
		.update(jobCompletions)
		.set({ reportKey: key })
		.where(and(eq(jobCompletions.tenantId, tenant.id), eq(jobCompletions.id, completion.id)));
	return { bytes, number: job.number };
}
