import { z } from "@hono/zod-openapi";
import { completionOutcomes, failureReasons } from "../../schema/proof-values";
import { Instant } from "./staff";

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters.`)
		.transform((v) => v || undefined);

export const PartLineSchema = z
	.object({
		description: z.string().trim().min(1, "Describe the part.").max(200, "Use at most 200 characters."),
		quantity: z.number().positive("Use a quantity above 0.").max(100_000),
		unitPriceMinor: z.number().int("The price is in minor units (cents).").min(0).max(100_000_000),
	})
	.openapi("PartLine");

/** What the technician sends to complete a job, or to say it could not be completed. */
export const CompletionInput = z
	.object({
		outcome: z.enum(completionOutcomes),
		recipientName: text(120).optional(),
		/** The signature drawn on the phone, a PNG as base64 (a `data:` prefix is allowed). */
		signaturePng: z.string().max(700_000, "The signature is too large.").optional(),
		/** Photos uploaded first with `POST /api/t/:slug/jobs/:id/photos`. */
		photoIds: z.array(z.string().max(60)).max(10, "Attach at most 10 photos.").optional(),
		note: text(2000).optional(),
		failureReason: z.enum(failureReasons).optional(),
		/** What happened, for `failureReason: "other"`. */
		failureText: text(500).optional(),
		workDone: text(4000).optional(),
		parts: z.array(PartLineSchema).max(50, "List at most 50 parts.").optional(),
		/** Where the phone was; kept only as the stop's address it was at, never as coordinates. */
		position: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
	})
	.openapi("CompletionInput");
export type CompletionInput = z.infer<typeof CompletionInput>;

export const CompletionAnswerSchema = z
	.object({
		id: z.string(),
		status: z.string(),
		completion: z.object({ id: z.string(), outcome: z.enum(completionOutcomes), at: Instant }),
	})
	.openapi("CompletionAnswer");
export type CompletionAnswer = z.infer<typeof CompletionAnswerSchema>;

/** The proof on a completed job as the customer sees it. */
export const ProofSchema = z
	.object({
		outcome: z.enum(completionOutcomes),
		recipientName: z.string().nullable(),
		signedAt: Instant,
		signatureUrl: z.string().nullable(),
		/** The stop's address the technician was at; null when unknown. Never coordinates. */
		place: z.string().nullable(),
		photos: z.array(z.object({ id: z.string(), url: z.string() })),
		note: z.string().nullable(),
		workDone: z.string().nullable(),
		parts: z.array(PartLineSchema),
		technicianName: z.string(),
		failureReason: z.enum(failureReasons).nullable(),
		reportUrl: z.string().nullable(),
	})
	.openapi("JobProof");
export type Proof = z.infer<typeof ProofSchema>;
