-- Written by drizzle-kit; WITHOUT ROWID added to the CREATE TABLE by hand (README, "Schema
-- changes"): a delivery is keyed by its tenant, notification and recipient, the key being the
-- only index (the recipient's unique index and the job's index go with the old table).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_notification_deliveries` (
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`notification_id` text NOT NULL,
	`job_id` text,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`contact_id` text,
	`staff_id` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`dead_at` integer,
	`sent_at` integer,
	`updated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `notification_id`, `email_normalized`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_notification_deliveries`("id", "tenant_id", "notification_id", "job_id", "email", "email_normalized", "contact_id", "staff_id", "state", "attempts", "last_error", "dead_at", "sent_at", "updated_at", "created_at") SELECT "id", "tenant_id", "notification_id", "job_id", "email", "email_normalized", "contact_id", "staff_id", "state", "attempts", "last_error", "dead_at", "sent_at", "updated_at", "created_at" FROM `notification_deliveries`;--> statement-breakpoint
DROP TABLE `notification_deliveries`;--> statement-breakpoint
ALTER TABLE `__new_notification_deliveries` RENAME TO `notification_deliveries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;