CREATE TABLE `checkout_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`provider` text NOT NULL,
	`provider_session_id` text,
	`url` text,
	`status` text DEFAULT 'creating' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkout_sessions_tenant_contact_key_uq` ON `checkout_sessions` (`tenant_id`,`contact_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `checkout_sessions_tenant_invoice_created_idx` ON `checkout_sessions` (`tenant_id`,`invoice_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `checkout_sessions_provider_session_idx` ON `checkout_sessions` (`provider`,`provider_session_id`);--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`position` integer NOT NULL,
	`description` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit_price_minor` integer DEFAULT 0 NOT NULL,
	`amount_minor` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invoice_lines_tenant_invoice_idx` ON `invoice_lines` (`tenant_id`,`invoice_id`,`position`);--> statement-breakpoint
CREATE TABLE `payment_events` (
	`provider_event_id` text NOT NULL,
	`provider` text NOT NULL,
	`tenant_id` text,
	`type` text NOT NULL,
	`checkout_id` text,
	`outcome` text NOT NULL,
	`detail` text,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`provider`, `provider_event_id`)
);
--> statement-breakpoint
CREATE INDEX `payment_events_tenant_received_idx` ON `payment_events` (`tenant_id`,`received_at`);--> statement-breakpoint
-- The invoices and payments tables of 0000 were never written to: they are replaced, not copied.
DROP TABLE `invoices`;--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`account_id` text NOT NULL,
	`contact_id` text,
	`location_id` text,
	`job_id` text,
	`estimate_id` text,
	`currency` text NOT NULL,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`tax_rate_bps` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`paid_minor` integer DEFAULT 0 NOT NULL,
	`deposit_applied_minor` integer DEFAULT 0 NOT NULL,
	`due_at` text NOT NULL,
	`terms` text,
	`notes` text,
	`shared_at` integer,
	`voided_at` integer,
	`void_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_tenant_number_uq` ON `invoices` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_created_idx` ON `invoices` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_account_created_idx` ON `invoices` (`tenant_id`,`account_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_location_created_idx` ON `invoices` (`tenant_id`,`location_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_contact_created_idx` ON `invoices` (`tenant_id`,`contact_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_shared_due_idx` ON `invoices` (`tenant_id`,`shared_at`,`voided_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_job_idx` ON `invoices` (`tenant_id`,`job_id`);--> statement-breakpoint
CREATE INDEX `invoices_tenant_estimate_idx` ON `invoices` (`tenant_id`,`estimate_id`);--> statement-breakpoint
DROP INDEX `line_items_tenant_invoice_idx`;--> statement-breakpoint
ALTER TABLE `line_items` DROP COLUMN `invoice_id`;--> statement-breakpoint
DROP TABLE `payments`;--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`invoice_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`method` text NOT NULL,
	`provider` text NOT NULL,
	`provider_ref` text,
	`checkout_id` text,
	`received_at` integer NOT NULL,
	`recorded_by` text
);
--> statement-breakpoint
CREATE INDEX `payments_tenant_invoice_idx` ON `payments` (`tenant_id`,`invoice_id`,`received_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_tenant_provider_ref_uq` ON `payments` (`tenant_id`,`provider`,`provider_ref`) WHERE "payments"."provider_ref" IS NOT NULL;