DROP INDEX `accounts_tenant_name_idx`;--> statement-breakpoint
CREATE INDEX `accounts_tenant_name_id_idx` ON `accounts` (`tenant_id`,`name`,`id`);--> statement-breakpoint
DROP INDEX `technicians_tenant_name_idx`;--> statement-breakpoint
CREATE INDEX `technicians_tenant_name_id_idx` ON `technicians` (`tenant_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_tenant_name_email_idx` ON `contacts` (`tenant_id`,`name`,`email`);--> statement-breakpoint
CREATE INDEX `locations_tenant_name_id_idx` ON `locations` (`tenant_id`,`name`,`id`);