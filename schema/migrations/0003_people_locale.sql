ALTER TABLE `contacts` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `technicians` ADD `locale` text;