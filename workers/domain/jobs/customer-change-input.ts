import { z } from "@hono/zod-openapi";
import { localDate, localDateTime, optionalText } from "./booking-input";

/** A customer's cancellation; the reason is theirs to give or not. */
export const CustomerCancelInput = z.object({ reason: optionalText(500) }).openapi("CustomerJobCancel");

/** New stop instructions; an empty text clears them. */
const instructionsText = z
	.string()
	.trim()
	.max(1000, "Use at most 1000 characters.")
	.transform((v) => v || null)
	.optional();

/**
 * What a customer asks to change: the window, sent whole with the booking form's names for the
 * job's kind, and the instructions of any of its stops.
 */
export const ChangeRequestInput = z
	.object({
		window: z
			.object({
				readyAt: localDateTime.optional(),
				deliverBy: localDateTime.optional(),
				preferredFrom: localDate.optional(),
				preferredTo: localDate.optional(),
			})
			.optional(),
		instructions: z
			.object({ pickup: instructionsText, dropoff: instructionsText, service: instructionsText })
			.optional(),
	})
	.superRefine((body, ctx) => {
		const asked = [body.window, body.instructions].some(
			(part) => part && Object.values(part).some((v) => v !== undefined),
		);
		if (!asked) {
			ctx.addIssue({
				code: "custom",
				path: ["window"],
				message: "Say what should change: the time or the instructions.",
			});
		}
	})
	.openapi("CustomerChangeRequest");
export type ChangeRequestInput = z.infer<typeof ChangeRequestInput>;
