CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'commercial' NOT NULL,
	`phone` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accounts_tenant_name_idx` ON `accounts` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text,
	`location_id` text,
	`name` text DEFAULT '' NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`phone` text,
	`role` text DEFAULT 'booker' NOT NULL,
	`notify_prefs` text DEFAULT '{}' NOT NULL,
	`blocked_at` integer,
	`blocked_by` text,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_tenant_email_uq` ON `contacts` (`tenant_id`,`email_normalized`);--> statement-breakpoint
CREATE INDEX `contacts_tenant_account_idx` ON `contacts` (`tenant_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`lat_e6` integer,
	`lng_e6` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `locations_tenant_account_idx` ON `locations` (`tenant_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `saved_addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`location_id` text,
	`label` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`lat_e6` integer,
	`lng_e6` integer,
	`contact_name` text,
	`contact_phone` text,
	`instructions` text,
	`created_by_contact_id` text,
	`last_used_at` integer,
	`use_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saved_addresses_tenant_account_idx` ON `saved_addresses` (`tenant_id`,`account_id`,`label`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`ip` text,
	`user_agent` text,
	`data` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_created_idx` ON `audit_log` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_action_created_idx` ON `audit_log` (`tenant_id`,`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_tenant_actor_created_idx` ON `audit_log` (`tenant_id`,`actor_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `inbox_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`job_id` text,
	`estimate_id` text,
	`invoice_id` text,
	`account_id` text,
	`contact_id` text,
	`title` text NOT NULL,
	`body` text,
	`read_at` integer,
	`read_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbox_alerts_tenant_created_idx` ON `inbox_alerts` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `inbox_alerts_tenant_unread_idx` ON `inbox_alerts` (`tenant_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_emails_sent_idx` ON `outbox_emails` (`sent_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`audience` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text
);
--> statement-breakpoint
CREATE INDEX `sessions_tenant_subject_idx` ON `sessions` (`tenant_id`,`audience`,`subject_id`);--> statement-breakpoint
CREATE TABLE `sign_in_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`audience` text NOT NULL,
	`email_normalized` text NOT NULL,
	`subject_id` text,
	`token_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`failed_code_attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`voided_at` integer,
	`ip` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_in_tokens_token_uq` ON `sign_in_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sign_in_tokens_tenant_email_idx` ON `sign_in_tokens` (`tenant_id`,`audience`,`email_normalized`,`created_at`);--> statement-breakpoint
CREATE TABLE `estimate_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`estimate_id` text NOT NULL,
	`parent_id` text,
	`author_type` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `estimate_comments_tenant_estimate_idx` ON `estimate_comments` (`tenant_id`,`estimate_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `estimate_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`estimate_id` text NOT NULL,
	`version` integer NOT NULL,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`notes` text,
	`change_summary` text,
	`created_by_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `estimate_versions_tenant_estimate_version_uq` ON `estimate_versions` (`tenant_id`,`estimate_id`,`version`);--> statement-breakpoint
CREATE TABLE `estimates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`account_id` text,
	`contact_id` text,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`currency` text NOT NULL,
	`current_version` integer DEFAULT 1 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`decided_at` integer,
	`decided_by_contact_id` text,
	`rejection_reason` text,
	`job_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `estimates_tenant_number_uq` ON `estimates` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_account_created_idx` ON `estimates` (`tenant_id`,`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `estimates_tenant_status_created_idx` ON `estimates` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`account_id` text,
	`contact_id` text,
	`job_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`currency` text NOT NULL,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`amount_paid_minor` integer DEFAULT 0 NOT NULL,
	`terms` text,
	`issued_at` integer,
	`due_at` integer,
	`paid_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_tenant_number_uq` ON `invoices` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_account_status_due_idx` ON `invoices` (`tenant_id`,`account_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_status_due_idx` ON `invoices` (`tenant_id`,`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `line_items` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`estimate_version_id` text,
	`invoice_id` text,
	`seq` integer NOT NULL,
	`description` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit_price_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `line_items_tenant_estimate_version_idx` ON `line_items` (`tenant_id`,`estimate_version_id`,`seq`);--> statement-breakpoint
CREATE INDEX `line_items_tenant_invoice_idx` ON `line_items` (`tenant_id`,`invoice_id`,`seq`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`method` text NOT NULL,
	`provider` text,
	`provider_ref` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payments_tenant_invoice_idx` ON `payments` (`tenant_id`,`invoice_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_ref_uq` ON `payments` (`provider`,`provider_ref`);--> statement-breakpoint
CREATE TABLE `idempotency_records` (
	`tenant_id` text NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`response_status` integer NOT NULL,
	`response_body` text NOT NULL,
	`resource_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `job_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`message` text,
	`data` text,
	`visible_to_customer` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_events_tenant_job_created_idx` ON `job_events` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`author_type` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_notes_tenant_job_created_idx` ON `job_notes` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`note_id` text,
	`uploaded_by_type` text NOT NULL,
	`uploaded_by_id` text NOT NULL,
	`object_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_photos_tenant_job_created_idx` ON `job_photos` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_stops` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`region` text,
	`postal_code` text,
	`country` text DEFAULT 'US' NOT NULL,
	`lat_e6` integer,
	`lng_e6` integer,
	`contact_name` text,
	`contact_phone` text,
	`window_start` integer,
	`window_end` integer,
	`instructions` text,
	`arrived_at` integer,
	`completed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_stops_tenant_job_seq_uq` ON `job_stops` (`tenant_id`,`job_id`,`seq`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'unassigned' NOT NULL,
	`source` text NOT NULL,
	`account_id` text,
	`location_id` text,
	`contact_id` text,
	`customer_name` text,
	`customer_email` text,
	`customer_email_normalized` text,
	`reference` text,
	`description` text,
	`package_description` text,
	`technician_id` text,
	`window_start` integer,
	`window_end` integer,
	`paused_message` text,
	`idempotency_key` text,
	`created_by_type` text NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	`cancelled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_tenant_number_uq` ON `jobs` (`tenant_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_tenant_idempotency_uq` ON `jobs` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_status_created_idx` ON `jobs` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_created_idx` ON `jobs` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_email_created_idx` ON `jobs` (`tenant_id`,`customer_email_normalized`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_account_created_idx` ON `jobs` (`tenant_id`,`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_contact_created_idx` ON `jobs` (`tenant_id`,`contact_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_technician_status_idx` ON `jobs` (`tenant_id`,`technician_id`,`status`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`scale` text NOT NULL,
	`score` integer NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_tenant_job_contact_uq` ON `surveys` (`tenant_id`,`job_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `surveys_tenant_created_idx` ON `surveys` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tracking_links` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_by_type` text NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tracking_links_token_uq` ON `tracking_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tracking_links_tenant_job_idx` ON `tracking_links` (`tenant_id`,`job_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`role` text DEFAULT 'dispatcher' NOT NULL,
	`disabled_at` integer,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tenant_email_uq` ON `staff` (`tenant_id`,`email_normalized`);--> statement-breakpoint
CREATE TABLE `technicians` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_normalized` text NOT NULL,
	`phone` text,
	`photo_url` text,
	`bio` text,
	`bio_approved_at` integer,
	`bio_approved_by` text,
	`active` integer DEFAULT true NOT NULL,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `technicians_tenant_email_uq` ON `technicians` (`tenant_id`,`email_normalized`);--> statement-breakpoint
CREATE INDEX `technicians_tenant_name_idx` ON `technicians` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`logo_url` text,
	`color_primary` text DEFAULT '#1f4e79' NOT NULL,
	`color_accent` text DEFAULT '#f2a900' NOT NULL,
	`color_text` text DEFAULT '#ffffff' NOT NULL,
	`support_phone` text,
	`support_email` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_uq` ON `tenants` (`slug`);