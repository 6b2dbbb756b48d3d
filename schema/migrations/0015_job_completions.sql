CREATE TABLE `job_completions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`technician_id` text NOT NULL,
	`technician_name` text NOT NULL,
	`outcome` text NOT NULL,
	`recipient_name` text,
	`signature_key` text,
	`photo_ids` text DEFAULT '[]' NOT NULL,
	`note` text,
	`failure_reason` text,
	`failure_text` text,
	`work_done` text,
	`parts` text DEFAULT '[]' NOT NULL,
	`place` text,
	`report_key` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_completions_tenant_job_created_idx` ON `job_completions` (`tenant_id`,`job_id`,`created_at`);