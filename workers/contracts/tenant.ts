import { z } from "@hono/zod-openapi";
import { jobKinds } from "../../schema/job-values";
import { locales } from "../../schema/locales";
import { proofItemRules } from "../../schema/proof-values";
import { notifyStages } from "../../schema/tables/notifications";
import { customerChangeCutoffs } from "../../schema/tables/tenants";
import { firstRunSteps } from "../domain/tenant/first-run";
import { PaymentSettingsSchema } from "./invoices";
import { SurveyTypeSchema } from "./surveys";

/** What anyone may see of a tenant; its settings (admins only) add to these. */
export const publicBrandingFields = {
	slug: z.string(),
	name: z.string(),
	logoUrl: z.string().nullable(),
	/** The logo's intrinsic pixel size when known: pages and emails keep its aspect ratio. */
	logoSize: z.object({ width: z.number().int(), height: z.number().int() }).nullable(),
	colors: z.object({ primary: z.string(), accent: z.string(), text: z.string() }),
	supportPhone: z.string().nullable(),
	supportEmail: z.string().nullable(),
	timezone: z.string(),
	currency: z.string(),
	jobKinds: z.array(z.enum(jobKinds)),
};

/** A tenant's public branding, shown before sign-in (`GET /api/tenants/:slug`). */
export const BrandingSchema = z
	.object({
		...publicBrandingFields,
		/** Map tile URL template for live views. */
		tileUrl: z.string(),
		/** The tenant's default language. */
		locale: z.enum(locales),
		/** Whether the portal's sign-in offers to ask to join an account of one's email domain. */
		allowJoinRequests: z.boolean(),
	})
	.openapi("Branding");

/** Until when customers change or cancel bookings themselves; after it their changes are requests. */
export const CustomerChangeCutoffSchema = z.enum(customerChangeCutoffs).openapi({
	description:
		"`en_route` (default): until a technician is on the way; `assigned`: until one is assigned; `always_request`: every change is a request to the dispatchers",
});

/** What completing a job of one kind asks the technician for. */
export const ProofRulesSchema = z
	.object({
		recipientName: z.enum(proofItemRules),
		signature: z.enum(proofItemRules),
		note: z.enum(proofItemRules),
		workDone: z.enum(proofItemRules),
		parts: z.enum(proofItemRules),
		/** The fewest photos a completion takes; 0 makes photos optional. */
		photosMin: z.number().int().min(0).max(10),
	})
	.openapi("ProofRules");

/** The tenant's settings as admins see and change them (`/api/d/:slug/settings`). */
export const SettingsSchema = z
	.object({
		...publicBrandingFields,
		allowSelfSignup: z.boolean(),
		sendCeilingPerHour: z.number().int(),
		/** The language of emails and pages for people who chose none. */
		defaultLocale: z.enum(locales),
		/** Tax on estimates, basis points of the discounted subtotal (825 = 8.25 %). */
		taxRateBps: z.number().int(),
		/** How invoices are paid online. */
		payments: PaymentSettingsSchema,
		/** Days from an invoice's creation to its due date. */
		invoiceDueDays: z.number().int(),
		/** The terms a new invoice starts with. */
		invoiceTermsDefault: z.string().nullable(),
		customerChangeCutoff: CustomerChangeCutoffSchema,
		survey: z
			.object({
				enabled: z.boolean(),
				type: SurveyTypeSchema,
				/** What customers rate besides the overall score, in the order shown. */
				categories: z.array(z.string()),
				/** A public review page offered after every answer alike (never only to happy customers). */
				reviewUrl: z.string().nullable(),
			})
			.openapi("SurveySettings"),
		allowJoinRequests: z.boolean(),
		/** Which stages the tenant emails at all. */
		notifyStages: z.record(z.enum(notifyStages), z.boolean()),
		/** "Arriving soon" goes once, when the ETA first drops under this many minutes. */
		arrivingSoonMinutes: z.number().int(),
		proofRules: z.object({ pickup_delivery: ProofRulesSchema, service_call: ProofRulesSchema }),
	})
	.openapi("TenantSettings");

/** The console home's first-run checklist (`GET /api/d/:slug/first-run`). */
export const FirstRunSchema = z
	.object({
		items: z.array(z.object({ step: z.enum(firstRunSteps), done: z.boolean() })),
		done: z.boolean(),
		dismissed: z.boolean(),
	})
	.openapi("FirstRunChecklist");
