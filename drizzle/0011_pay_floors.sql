ALTER TABLE `calls` ADD `pay_scale` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `cost_rule` text;--> statement-breakpoint
ALTER TABLE `roles` ADD `min_pay_group` text;