import { z } from "@hono/zod-openapi";
import { estimateStatuses, MAX_TAX_RATE_BPS } from "../../schema/estimate-values";
import { contactRoles } from "../../schema/tables/accounts";
import { MAX_QUANTITY_MILLI, parseQuantityMilli, QUANTITY_SCALE } from "../domain/estimates/quantity";
import { AddressInput, BookingInput, optionalText, requiredText } from "../domain/jobs/booking-input";
import { CalendarDate } from "./dates";
import { SlugParam } from "./openapi";

/**
 * The HTTP contracts of estimates and quote requests, for the console (`/api/d/:slug/estimates`,
 * `/api/d/:slug/quote-requests`) and the portal (`/api/c/:slug/estimates`, `/api/c/:slug/quote-requests`).
 * Money is integer minor units of `currency`; quantities are decimals with at most three places.
 */

const Instant = z.string().openapi({ format: "date-time", example: "2026-11-25T14:30:00.000Z" });

/** Largest unit price: 1,000,000.00 in a two-decimal currency, so any estimate's sums stay exact. */
export const MAX_UNIT_PRICE_MINOR = 100_000_000;
/** Most lines one estimate version carries. */
export const MAX_LINES = 200;
export { MAX_TAX_RATE_BPS };

export const EstimateStatusSchema = z.enum(estimateStatuses).openapi({
	description:
		"`draft` (the dispatcher's alone), `sent` (awaiting the customer), `changes_requested`, `approved`, `rejected`, `expired` (derived: undecided past `expiresAt`), `booked` (derived: approved and converted into `jobId`).",
});

const IdField = (example: string) => z.string().min(1).max(64).openapi({ example });

/** A decimal quantity, as a number (1.5) or a string ("1.5"); at most three decimals, above 0. */
export const QuantityField = z
	.union([z.number(), z.string().max(20)])
	.transform((value, ctx) => {
		const milli = parseQuantityMilli(value);
		if (milli === null) {
			ctx.addIssue({
				code: "custom",
				message: `Enter a quantity above 0 and up to ${MAX_QUANTITY_MILLI / QUANTITY_SCALE}, with at most three decimals, like 1.5.`,
			});
			return z.NEVER;
		}
		return milli;
	})
	.openapi({ type: "number", example: 1.5, description: "Decimal, at most three places" });

const MinorField = (max: number, what: string) =>
	z
		.number()
		.int(`${what} is in minor units (cents): a whole number.`)
		.min(0, `${what} cannot be negative.`)
		.max(max, `${what} is at most ${max}.`);

/** One line as the dispatcher types it. `id` names a line of the current version being revised. */
export const EstimateLineInput = z
	.object({
		id: IdField("lin_3f9c").optional().openapi({
			description:
				"On a revision: the id of the line of the current version this line revises; omit for a new line",
		}),
		description: requiredText(500, "Describe the line."),
		quantity: QuantityField,
		unitPriceMinor: MinorField(MAX_UNIT_PRICE_MINOR, "The unit price"),
		optional: z
			.boolean()
			.default(false)
			.openapi({ description: "The customer may tick it; excluded from totals until selected" }),
	})
	.openapi("EstimateLineInput");

const LinesField = z
	.array(EstimateLineInput)
	.min(1, "Add at least one line.")
	.max(MAX_LINES, `Use at most ${MAX_LINES} lines.`);

/** The content of a version: what a revision replaces as a whole. */
const estimateContentFields = {
	title: requiredText(200, "Give the estimate a title."),
	lines: LinesField,
	taxRateBps: z
		.number()
		.int("The tax rate is in basis points: a whole number (8.875 % is 888).")
		.min(0)
		.max(MAX_TAX_RATE_BPS)
		.optional()
		.openapi({ description: "Basis points (8.25 % = 825); default the tenant's `taxRateBps` setting" }),
	discountMinor: MinorField(MAX_UNIT_PRICE_MINOR * MAX_LINES, "The discount")
		.optional()
		.openapi({ description: "Taken off the subtotal, before tax" }),
	expiresAt: CalendarDate.optional().openapi({
		description:
			"The last day it can be approved, in the tenant's time zone (expires at the end of that day)",
	}),
	notes: optionalText(2000),
	terms: optionalText(4000),
};

/** `POST /api/d/:slug/estimates`. */
export const EstimateCreateInput = z
	.object({
		accountId: IdField("acc_3f9c"),
		contactId: IdField("con_3f9c")
			.optional()
			.openapi({ description: "Addressed to this contact of the account" }),
		locationId: IdField("loc_3f9c").optional().openapi({ description: "For this location of the account" }),
		quoteRequestId: IdField("quo_3f9c").optional().openapi({ description: "The quote request it answers" }),
		...estimateContentFields,
	})
	.openapi("EstimateCreate");
export type EstimateCreateInput = z.infer<typeof EstimateCreateInput>;

/**
 * `PUT /api/d/:slug/estimates/:id`: the whole content again. A draft is edited in place; once
 * shared, every save is a new version with a change summary the server derives.
 */
export const EstimateUpdateInput = z
	.object({
		baseVersion: z.number().int().min(1).optional().openapi({
			description: "The version the edit was made on; another current version is 409 `version_changed`",
		}),
		contactId: IdField("con_3f9c").nullable().optional(),
		locationId: IdField("loc_3f9c").nullable().optional(),
		...estimateContentFields,
	})
	.openapi("EstimateUpdate");
export type EstimateUpdateInput = z.infer<typeof EstimateUpdateInput>;

/** `POST /api/c/:slug/estimates/:id/approve`, with an `Idempotency-Key`. */
export const EstimateApproveInput = z
	.object({
		version: z
			.number()
			.int()
			.min(1)
			.openapi({ description: "The version the customer read; another is 409 `version_changed`" }),
		signedName: requiredText(200, "Type your name to approve."),
		optionalItemIds: z
			.array(IdField("lin_3f9c"))
			.max(MAX_LINES)
			.default([])
			.openapi({ description: "Ids of the optional lines the customer ticked" }),
	})
	.openapi("EstimateApprove");
export type EstimateApproveInput = z.infer<typeof EstimateApproveInput>;

/** `POST /api/c/:slug/estimates/:id/reject`. */
export const EstimateRejectInput = z
	.object({ reason: requiredText(1000, "Say why, so the dispatcher can answer.") })
	.openapi("EstimateReject");

/**
 * `POST /api/{c,d}/:slug/estimates/:id/comments`. A customer's comment on an estimate awaiting
 * them is a change request (status `changes_requested`); `lineItemId` pins it to a line of any version.
 */
export const EstimateCommentInput = z
	.object({
		body: requiredText(2000, "Write the comment."),
		lineItemId: IdField("lin_3f9c").optional(),
	})
	.openapi("EstimateCommentInput");
export type EstimateCommentInput = z.infer<typeof EstimateCommentInput>;

/** `POST /api/c/:slug/estimates/:id/request-update`: an expired estimate, asked for again. */
export const EstimateUpdateRequestInput = z
	.object({ message: optionalText(1000) })
	.openapi("EstimateUpdateRequest");

/** `POST /api/d/:slug/estimates/:id/convert`, with an `Idempotency-Key`. */
export const EstimateConvertInput = z
	.object({
		booking: BookingInput.optional().openapi({
			description:
				"The job as the booking form has it; omitted, the job is made from `GET …/booking-draft` as it stands (400 when that lacks an address)",
		}),
	})
	.openapi("EstimateConvert");
export type EstimateConvertInput = z.infer<typeof EstimateConvertInput>;

/** `POST /api/c/:slug/quote-requests`: a customer describes the work and asks for an estimate. */
export const QuoteRequestInput = z
	.object({
		address: AddressInput,
		locationId: IdField("loc_3f9c").optional(),
		preferredFrom: CalendarDate.optional(),
		preferredTo: CalendarDate.optional(),
		description: requiredText(4000, "Describe the work you need."),
	})
	.openapi("QuoteRequestInput");
export type QuoteRequestInput = z.infer<typeof QuoteRequestInput>;

/* ── Answers ─────────────────────────────────────────────────────────────────────────────── */

export const EstimateLineSchema = z
	.object({
		/** Stable across versions: a revised line keeps its id. */
		id: z.string(),
		seq: z.number().int(),
		description: z.string(),
		quantity: z.number(),
		unitPriceMinor: z.number().int(),
		/** Round half-up of quantity × unit price. */
		totalMinor: z.number().int(),
		optional: z.boolean(),
	})
	.openapi("EstimateLine");

/** Totals of a version without optional lines; `optionalMinor` is what all optional lines would add before discount and tax. */
export const EstimateTotalsSchema = z
	.object({
		subtotalMinor: z.number().int(),
		discountMinor: z.number().int(),
		taxRateBps: z.number().int(),
		taxMinor: z.number().int(),
		totalMinor: z.number().int(),
		optionalMinor: z.number().int(),
	})
	.openapi("EstimateTotals");

const LineRef = z.object({ lineId: z.string(), description: z.string() });

/** What one version changed against another, derived by the server. */
export const ChangeSummarySchema = z
	.object({
		fromVersion: z.number().int(),
		toVersion: z.number().int(),
		added: z.array(LineRef.extend({ totalMinor: z.number().int(), optional: z.boolean() })),
		removed: z.array(LineRef.extend({ totalMinor: z.number().int() })),
		repriced: z.array(LineRef.extend({ fromMinor: z.number().int(), toMinor: z.number().int() })),
		quantityChanged: z.array(LineRef.extend({ from: z.number(), to: z.number() })),
		/** Lines whose wording or optional flag changed. */
		edited: z.array(LineRef.extend({ fields: z.array(z.enum(["description", "optional"])) })),
		/** Other content that changed: title, discountMinor, taxRateBps, expiresAt, notes, terms. */
		fields: z.array(z.string()),
		totalsBefore: z.object({
			subtotalMinor: z.number().int(),
			taxMinor: z.number().int(),
			totalMinor: z.number().int(),
		}),
		totalsAfter: z.object({
			subtotalMinor: z.number().int(),
			taxMinor: z.number().int(),
			totalMinor: z.number().int(),
		}),
	})
	.openapi("EstimateChangeSummary");
export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

export const EstimateVersionSchema = z
	.object({
		version: z.number().int(),
		title: z.string(),
		lines: z.array(EstimateLineSchema),
		totals: EstimateTotalsSchema,
		notes: z.string().nullable(),
		terms: z.string().nullable(),
		expiresAt: Instant.nullable(),
		createdAt: Instant,
		createdBy: z.string().nullable(),
		/** Against the version before; null for version 1. */
		changes: ChangeSummarySchema.nullable(),
	})
	.openapi("EstimateVersion");

export const EstimateCommentSchema = z
	.object({
		id: z.string(),
		authorType: z.enum(["contact", "staff"]),
		authorName: z.string(),
		body: z.string(),
		/** The line (of any version) it is pinned to. */
		lineItemId: z.string().nullable(),
		/** The version current when it was written. */
		version: z.number().int(),
		createdAt: Instant,
	})
	.openapi("EstimateComment");

export const EstimateApprovalSchema = z
	.object({
		version: z.number().int(),
		signedName: z.string(),
		contact: z.object({ id: z.string(), name: z.string(), email: z.string() }),
		approvedAt: Instant,
		ip: z.string().nullable(),
		optionalItemIds: z.array(z.string()),
		/** The total with the selected optional lines, as approved. */
		totals: EstimateTotalsSchema,
		/** SHA-256 (hex) of the canonical JSON of the approved version's content. */
		contentSha256: z.string(),
	})
	.openapi("EstimateApproval");

export const EstimateRejectionSchema = z
	.object({ reason: z.string(), by: z.string(), at: Instant })
	.openapi("EstimateRejection");

export const EstimateActivitySchema = z
	.object({
		type: z.string(),
		message: z.string(),
		actor: z.string().nullable(),
		version: z.number().int().nullable(),
		at: Instant,
	})
	.openapi("EstimateActivity");

const Party = z.object({ id: z.string(), name: z.string() });

/** Fields the portal's and the console's estimate share. */
const estimateFields = {
	id: z.string(),
	number: z.number().int(),
	title: z.string(),
	status: EstimateStatusSchema,
	currency: z.string(),
	/** The current version. */
	version: z.number().int(),
	subtotalMinor: z.number().int(),
	discountMinor: z.number().int(),
	taxRateBps: z.number().int(),
	taxMinor: z.number().int(),
	totalMinor: z.number().int(),
	optionalMinor: z.number().int(),
	lines: z.array(EstimateLineSchema),
	notes: z.string().nullable(),
	terms: z.string().nullable(),
	expiresAt: Instant.nullable(),
	/** `expiresAt` as the day it names in the tenant's zone. */
	expiresOn: z.string().nullable(),
	account: Party,
	contact: Party.nullable(),
	location: Party.nullable(),
	quoteRequestId: z.string().nullable(),
	/** The job it was converted into (status `booked`). */
	jobId: z.string().nullable(),
	jobNumber: z.number().int().nullable(),
	sentAt: Instant.nullable(),
	createdAt: Instant,
	updatedAt: Instant,
	versions: z.array(EstimateVersionSchema),
	comments: z.array(EstimateCommentSchema),
	approval: EstimateApprovalSchema.nullable(),
	rejection: EstimateRejectionSchema.nullable(),
	/** When a customer last asked for an updated estimate (expired), and for which version. */
	updateRequestedAt: Instant.nullable(),
	activity: z.array(EstimateActivitySchema),
};

/** An estimate as the portal shows it (`GET /api/c/:slug/estimates/:id`). */
export const CustomerEstimateSchema = z
	.object({
		...estimateFields,
		/** Whether the signed-in contact may approve, reject and ask for changes now. */
		canDecide: z.boolean(),
		/** The version this contact had seen before this read; null on their first look. */
		lastSeenVersion: z.number().int().nullable(),
		/** What changed from `lastSeenVersion` to the current version; null when nothing did. */
		changesSinceLastSeen: ChangeSummarySchema.nullable(),
	})
	.openapi("CustomerEstimate");
export type CustomerEstimate = z.infer<typeof CustomerEstimateSchema>;

/** An estimate as the console shows it (every `/api/d/:slug/estimates` answer). */
export const StaffEstimateSchema = z
	.object({
		...estimateFields,
		/** Who the share email goes to. */
		recipients: z.array(
			z.object({ contactId: z.string(), name: z.string(), email: z.string(), role: z.enum(contactRoles) }),
		),
		/** The version each contact last looked at in the portal. */
		seenBy: z.array(
			z.object({ contactId: z.string(), name: z.string(), version: z.number().int(), at: Instant }),
		),
	})
	.openapi("StaffEstimate");
export type StaffEstimate = z.infer<typeof StaffEstimateSchema>;

export const EstimateListItemSchema = z
	.object({
		id: z.string(),
		number: z.number().int(),
		title: z.string(),
		status: EstimateStatusSchema,
		version: z.number().int(),
		currency: z.string(),
		totalMinor: z.number().int(),
		expiresAt: Instant.nullable(),
		account: Party,
		contact: Party.nullable(),
		jobId: z.string().nullable(),
		createdAt: Instant,
		updatedAt: Instant,
	})
	.openapi("EstimateListItem");

export const EstimatePageSchema = z
	.object({ items: z.array(EstimateListItemSchema), nextCursor: z.string().nullable() })
	.openapi("EstimatePage");

/** Filter of a list: a status (`awaiting` is `sent` for the portal's "awaiting you"), days of creation, a cursor. */
export const EstimateListQuery = z.object({
	status: z.enum([...estimateStatuses, "awaiting"]).optional(),
	from: CalendarDate.optional(),
	to: CalendarDate.optional(),
	/** Only the estimates of this location of the account. */
	locationId: z.string().max(64).optional(),
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const StaffEstimateListQuery = EstimateListQuery.extend({
	accountId: z.string().max(64).optional(),
});

/** The booking form, pre-filled from an approved estimate (`GET /api/d/:slug/estimates/:id/booking-draft`). */
export const BookingDraftSchema = z
	.object({
		kind: z.enum(["pickup_delivery", "service_call"]),
		address: z
			.object({
				line1: z.string(),
				line2: z.string().nullable(),
				city: z.string(),
				region: z.string().nullable(),
				postalCode: z.string().nullable(),
				country: z.string(),
			})
			.nullable(),
		description: z.string(),
		reference: z.string(),
		preferredFrom: z.string(),
		preferredTo: z.string(),
		/** The whole booking when the draft has all it needs; what `convert` uses without a body. */
		booking: BookingInput.nullable(),
	})
	.openapi("EstimateBookingDraft");

export const QuoteRequestPhotoSchema = z
	.object({ id: z.string(), url: z.string(), contentType: z.string(), at: Instant })
	.openapi("QuoteRequestPhoto");

export const QuoteRequestSchema = z
	.object({
		id: z.string(),
		/** `open` until an estimate answers it. */
		status: z.enum(["open", "estimated"]),
		account: Party.nullable(),
		contact: z.object({ id: z.string(), name: z.string(), email: z.string() }),
		location: Party.nullable(),
		address: z.object({
			line1: z.string(),
			line2: z.string().nullable(),
			city: z.string(),
			region: z.string().nullable(),
			postalCode: z.string().nullable(),
			country: z.string(),
		}),
		preferredFrom: z.string().nullable(),
		preferredTo: z.string().nullable(),
		description: z.string(),
		photos: z.array(QuoteRequestPhotoSchema),
		estimateIds: z.array(z.string()),
		createdAt: Instant,
	})
	.openapi("QuoteRequest");

export const QuoteRequestPageSchema = z
	.object({ items: z.array(QuoteRequestSchema), nextCursor: z.string().nullable() })
	.openapi("QuoteRequestPage");

export const QuoteRequestListQuery = z.object({
	cursor: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(50).default(20),
});

/* ── Parameters ──────────────────────────────────────────────────────────────────────────── */

export const EstimateIdParam = SlugParam.extend({
	id: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "est_3f9c" }),
});

export const QuoteRequestIdParam = SlugParam.extend({
	id: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "quo_3f9c" }),
});

export const QuoteRequestPhotoParam = QuoteRequestIdParam.extend({
	photoId: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "photoId", in: "path" }, example: "pho_3f9c" }),
});

export const EstimatePdfQuery = z.object({
	version: z.coerce
		.number()
		.int()
		.min(1)
		.max(10_000)
		.optional()
		.openapi({ description: "Default: the current version" }),
});

export const IdempotencyKeyHeader = z.object({
	"idempotency-key": z.string().optional().openapi({ example: "3f1c2a9e-…", description: "Required" }),
});
