import { z } from "@hono/zod-openapi";
import { auditLog, inboxAlertKinds } from "../../schema/tables/activity";
import { Instant } from "./staff";

/** One alert of the dispatchers' inbox. */
export const AlertSchema = z
	.object({
		id: z.string(),
		kind: z.enum(inboxAlertKinds),
		title: z.string(),
		body: z.string().nullable(),
		jobId: z.string().nullable(),
		estimateId: z.string().nullable(),
		invoiceId: z.string().nullable(),
		quoteRequestId: z.string().nullable(),
		accountId: z.string().nullable(),
		contactId: z.string().nullable(),
		read: z.boolean(),
		readAt: Instant.nullable(),
		createdAt: Instant,
	})
	.openapi("InboxAlert");

export const UnreadSchema = z.object({ unread: z.number().int() }).openapi("InboxUnread");

/** A page of alerts, newest first, and the unread count. */
export const InboxPageSchema = z
	.object({
		items: z.array(AlertSchema),
		nextCursor: z.string().nullable(),
		unread: z.number().int(),
	})
	.openapi("InboxPage");

export const AuditEntrySchema = z
	.object({
		id: z.string(),
		at: Instant,
		actorType: z.enum(auditLog.actorType.enumValues),
		actorId: z.string().nullable(),
		actor: z.string().nullable(),
		action: z.string(),
		targetType: z.string().nullable(),
		targetId: z.string().nullable(),
		/** What the entry is about, by name: "job #1031", a contact's or technician's name. */
		target: z.string().nullable(),
		ip: z.string().nullable(),
		userAgent: z.string().nullable(),
		/** The user agent summarised: "Chrome on Android". */
		device: z.string().nullable(),
		data: z.record(z.string(), z.unknown()).nullable(),
	})
	.openapi("AuditEntry");

/** A page of the audit log, newest first. */
export const AuditPageSchema = z
	.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
	.openapi("AuditPage");
