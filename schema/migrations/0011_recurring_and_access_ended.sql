CREATE TABLE `ended_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`audience` text NOT NULL,
	`subject_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ended_sessions_tenant_created_idx` ON `ended_sessions` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `recurring_occurrences` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`series_id` text NOT NULL,
	`occurrence` text NOT NULL,
	`status` text NOT NULL,
	`job_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recurring_occurrences_tenant_series_occurrence_uq` ON `recurring_occurrences` (`tenant_id`,`series_id`,`occurrence`);--> statement-breakpoint
CREATE TABLE `recurring_series` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text,
	`location_id` text,
	`contact_id` text NOT NULL,
	`kind` text NOT NULL,
	`rrule` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`duration_minutes` integer NOT NULL,
	`template` text NOT NULL,
	`source_job_id` text,
	`paused_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `recurring_series_tenant_contact_idx` ON `recurring_series` (`tenant_id`,`contact_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `recurring_series_paused_idx` ON `recurring_series` (`paused_at`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `series_id` text;