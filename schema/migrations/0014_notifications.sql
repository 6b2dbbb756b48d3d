CREATE TABLE `email_opt_outs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email_normalized` text NOT NULL,
	`stage` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_opt_outs_uq` ON `email_opt_outs` (`tenant_id`,`email_normalized`,`stage`);--> statement-breakpoint
CREATE TABLE `job_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_contacts_job_email_uq` ON `job_contacts` (`tenant_id`,`job_id`,`email_normalized`);--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
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
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_deliveries_recipient_uq` ON `notification_deliveries` (`notification_id`,`email_normalized`);--> statement-breakpoint
CREATE INDEX `notification_deliveries_tenant_job_idx` ON `notification_deliveries` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`job_id` text,
	`estimate_id` text,
	`invoice_id` text,
	`origin` text,
	`data` text DEFAULT '{}' NOT NULL,
	`dedupe_key` text,
	`created_at` integer NOT NULL,
	`enqueued_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_tenant_dedupe_uq` ON `notifications` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_unenqueued_idx` ON `notifications` (`enqueued_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_tenant_job_idx` ON `notifications` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `outbox_emails` ADD `headers` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox_emails` ADD `idempotency_key` text;--> statement-breakpoint
CREATE INDEX `outbox_emails_key_idx` ON `outbox_emails` (`idempotency_key`);--> statement-breakpoint
ALTER TABLE `staff` ADD `notify_prefs` text DEFAULT '{}' NOT NULL;