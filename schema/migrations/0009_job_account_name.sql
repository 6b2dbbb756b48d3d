ALTER TABLE `jobs` ADD `account_name` text;--> statement-breakpoint
UPDATE `jobs` SET `account_name` = (SELECT `name` FROM `accounts` WHERE `accounts`.`tenant_id` = `jobs`.`tenant_id` AND `accounts`.`id` = `jobs`.`account_id`) WHERE `account_id` IS NOT NULL;
