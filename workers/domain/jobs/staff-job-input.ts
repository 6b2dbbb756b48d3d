import { z } from "@hono/zod-openapi";
import { EmailField } from "../../contracts/openapi";
import {
	localDate,
	localDateTime,
	optionalText,
	PickupDeliveryInput,
	requiredText,
	ServiceCallInput,
	StopInput,
} from "./booking-input";

/** Who a dispatcher's job is for: a contact of the tenant, or a name and email as typed. */
export const CustomerChoiceInput = z
	.object({
		contactId: z.string().max(64).optional(),
		name: optionalText(200),
		email: EmailField.optional(),
		accountId: z.string().max(64).nullable().optional(),
	})
	.superRefine((v, ctx) => {
		if (v.contactId) return;
		if (!v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the customer's email." });
		if (!v.name) ctx.addIssue({ code: "custom", path: ["name"], message: "Enter the customer's name." });
	});

const forCustomer = { customer: CustomerChoiceInput };

/**
 * A job typed by a dispatcher: exactly the portal's booking, plus who it is for. A union of the
 * booking's kinds each with `customer` (not an intersection with `Booking`), so the document says
 * `kind` is `pickup_delivery` or `service_call` to generated clients too.
 */
export const StaffJobInput = z
	.discriminatedUnion("kind", [PickupDeliveryInput.extend(forCustomer), ServiceCallInput.extend(forCustomer)])
	.openapi("StaffNewJob");
export type StaffJobInput = z.infer<typeof StaffJobInput>;

/** A stop as edited in the console: the address and on-site details, replaced as a whole. */
export const StopEditInput = StopInput.omit({ savedAddressId: true, saveAs: true });

/**
 * A change to a job; only the fields sent change. The window is sent whole (both ends) in the
 * tenant's zone, with the field names of the booking form for the job's kind.
 */
export const JobEditInput = z
	.object({
		reference: z
			.string()
			.trim()
			.max(100, "Use at most 100 characters.")
			.nullable()
			.optional()
			.transform((v) => (v === undefined ? undefined : v || null)),
		description: requiredText(2000, "Describe what needs doing.").optional(),
		packageDescription: requiredText(500, "Describe what we are picking up.").optional(),
		readyAt: localDateTime.optional(),
		deliverBy: localDateTime.optional(),
		preferredFrom: localDate.optional(),
		preferredTo: localDate.optional(),
		pickup: StopEditInput.optional(),
		dropoff: StopEditInput.optional(),
		service: StopEditInput.optional(),
	})
	.refine((body) => Object.values(body).some((v) => v !== undefined), "Send at least one field to change.")
	.openapi("JobEdit");
export type JobEditInput = z.infer<typeof JobEditInput>;
export type StopEditInput = z.infer<typeof StopEditInput>;

export const JobCancelInput = z
	.object({ reason: requiredText(500, "Say why the job is cancelled; the customer sees it.") })
	.openapi("JobCancel");

export const JobNoteInput = z.object({ text: requiredText(2000, "Write the note.") }).openapi("JobNote");
