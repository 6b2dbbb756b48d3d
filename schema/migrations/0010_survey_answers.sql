PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text NOT NULL,
	`contact_id` text,
	`tracking_link_id` text,
	`technician_id` text,
	`scale` text NOT NULL,
	`score` integer NOT NULL,
	`categories` text DEFAULT '{}' NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_surveys`("id", "tenant_id", "job_id", "contact_id", "scale", "score", "categories", "comment", "created_at", "updated_at") SELECT "id", "tenant_id", "job_id", "contact_id", "scale", "score", '{}', "comment", "created_at", "created_at" FROM `surveys`;--> statement-breakpoint
DROP TABLE `surveys`;--> statement-breakpoint
ALTER TABLE `__new_surveys` RENAME TO `surveys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_tenant_job_contact_uq` ON `surveys` (`tenant_id`,`job_id`,`contact_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_tenant_job_link_uq` ON `surveys` (`tenant_id`,`job_id`,`tracking_link_id`);--> statement-breakpoint
CREATE INDEX `surveys_tenant_created_idx` ON `surveys` (`tenant_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `surveys_tenant_technician_created_idx` ON `surveys` (`tenant_id`,`technician_id`,`created_at`);