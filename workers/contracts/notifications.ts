import { z } from "@hono/zod-openapi";
import {
	deliveryStates,
	notificationKinds,
	notifyStages,
	staffNotifyStages,
} from "../../schema/tables/notifications";
import { Instant } from "./staff";

/** A contact's email switches, one per stage (`GET`/`PUT /api/c/:slug/me/preferences`). */
export const PreferencesSchema = z
	.object({ email: z.record(z.enum(notifyStages), z.boolean()) })
	.openapi("NotificationPreferences");

/** A change to them: only the stages sent change. */
export const PreferencesPatch = z
	.object({ email: z.partialRecord(z.enum(notifyStages), z.boolean()) })
	.openapi("NotificationPreferencesPatch");

/** The customer actions a dispatcher gets an email for (`/api/d/:slug/me/preferences`). */
export const StaffPreferencesSchema = z
	.object({ email: z.record(z.enum(staffNotifyStages), z.boolean()) })
	.openapi("StaffNotificationPreferences");

export const StaffPreferencesPatch = z
	.object({ email: z.partialRecord(z.enum(staffNotifyStages), z.boolean()) })
	.openapi("StaffNotificationPreferencesPatch");

/** A contact's profile in the portal: name and phone. */
export const ProfileSchema = z
	.object({ name: z.string(), email: z.string(), phone: z.string().nullable() })
	.openapi("CustomerProfile");

export const ProfilePatch = z
	.object({
		name: z.string().trim().min(1, "Enter your name.").max(200, "Use at most 200 characters.").optional(),
		phone: z
			.string()
			.trim()
			.max(40, "Use at most 40 characters.")
			.nullable()
			.transform((v) => v || null)
			.optional(),
	})
	.openapi("CustomerProfilePatch");

/** One recipient of one of a job's notifications, and how far its email got. */
export const JobDeliverySchema = z
	.object({
		id: z.string(),
		kind: z.enum(notificationKinds),
		email: z.string(),
		state: z.enum(deliveryStates),
		attempts: z.number().int(),
		/** Why it was suppressed (`preference`, `tenant`, `blocked`) or what the last failure said. */
		reason: z.string().nullable(),
		/** The queue gave up: it is in the dead-letter queue. */
		dead: z.boolean(),
		sentAt: Instant.nullable(),
		createdAt: Instant,
	})
	.openapi("JobNotificationDelivery");

export const JobDeliveriesSchema = z
	.object({ items: z.array(JobDeliverySchema) })
	.openapi("JobNotificationDeliveries");

/** What a one-click unsubscribe (or its undo) did. */
export const UnsubscribeAnswerSchema = z
	.object({ stage: z.enum(notifyStages), subscribed: z.boolean() })
	.openapi("UnsubscribeAnswer");
