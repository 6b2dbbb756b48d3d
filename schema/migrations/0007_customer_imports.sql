CREATE TABLE `contact_invites` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`contact_id` text NOT NULL,
	`import_id` text NOT NULL,
	`requested_at` integer,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_invites_tenant_contact_uq` ON `contact_invites` (`tenant_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `contact_invites_tenant_import_idx` ON `contact_invites` (`tenant_id`,`import_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `customer_import_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`import_id` text NOT NULL,
	`seq` integer NOT NULL,
	`rows` text NOT NULL,
	`records` text,
	`done_at` integer,
	`new_count` integer DEFAULT 0 NOT NULL,
	`updated_count` integer DEFAULT 0 NOT NULL,
	`unchanged_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_import_chunks_tenant_import_seq_uq` ON `customer_import_chunks` (`tenant_id`,`import_id`,`seq`);--> statement-breakpoint
CREATE TABLE `customer_import_mappings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`columns` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_import_mappings_tenant_uq` ON `customer_import_mappings` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `customer_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`file_name` text NOT NULL,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`row_count` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`committed_by` text,
	`committed_at` integer,
	`error_count` integer DEFAULT 0 NOT NULL,
	`duplicate_count` integer DEFAULT 0 NOT NULL,
	`finished_at` integer,
	`invites_per_hour` integer,
	`invites_requested_at` integer
);
--> statement-breakpoint
CREATE INDEX `customer_imports_tenant_created_idx` ON `customer_imports` (`tenant_id`,`created_at`);