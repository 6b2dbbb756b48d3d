import type { Proof } from "../../contracts/proof";
import type { completedProof } from "./report";

type CompletionRow = NonNullable<Awaited<ReturnType<typeof completedProof>>>;

/** The proof of a completed job as the portal shows it, its files under `base` (`/api/c/:slug/jobs/:id`). */
export function toProof(row: CompletionRow, base: string): Proof {
	return {
		outcome: row.outcome,
		recipientName: row.recipientName,
		signedAt: new Date(row.createdAt).toISOString(),
		signatureUrl: row.signatureKey ? `${base}/signature.png` : null,
		place: row.place,
		photos: row.photoIds.map((id) => ({ id, url: `${base}/photos/${id}` })),
		note: row.note,
		workDone: row.workDone,
		parts: row.parts,
		technicianName: row.technicianName,
		failureReason: row.failureReason,
		reportUrl: `${base}/report.pdf`,
	};
}
