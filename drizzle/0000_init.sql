CREATE TABLE `amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by_user_id` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `amendments_call_number` ON `amendments` (`call_id`,`number`);--> statement-breakpoint
CREATE TABLE `application_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`kind` text NOT NULL,
	`stored_file_id` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stored_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`status` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_call_org` ON `applications` (`call_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `audit_entries` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_entries_hash_unique` ON `audit_entries` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_object_idx` ON `audit_entries` (`object_type`,`object_id`);--> statement-breakpoint
CREATE TABLE `award_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`lot_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`rank` integer NOT NULL,
	`fte_awarded_hundredths` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`decided_by_user_id` text,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `call_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`stored_file_id` text,
	`url` text,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stored_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`authority` text NOT NULL,
	`department` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`texts` text NOT NULL,
	`published_at` integer,
	`question_deadline` integer NOT NULL,
	`submission_deadline` integer NOT NULL,
	`opening_at` integer NOT NULL,
	`binding_period_end` integer NOT NULL,
	`service_start` integer NOT NULL,
	`contract_end` integer NOT NULL,
	`max_lots_per_carrier` integer,
	`allow_lot_split` integer DEFAULT true NOT NULL,
	`clients_per_fte` integer NOT NULL,
	`scale_min` integer NOT NULL,
	`scale_max` integer NOT NULL,
	`spread_threshold` integer DEFAULT 2 NOT NULL,
	`definition_hash` text NOT NULL,
	`cancelled_at` integer,
	`cancellation_reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calls_slug_unique` ON `calls` (`slug`);--> statement-breakpoint
CREATE TABLE `client_figures` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`target_group` text NOT NULL,
	`count` integer NOT NULL,
	`as_of` integer NOT NULL,
	`entered_by_user_id` text,
	`entered_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `concept_sections` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`guidance` text NOT NULL,
	`max_chars` integer NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `concept_sections_call_code` ON `concept_sections` (`call_id`,`code`);--> statement-breakpoint
CREATE TABLE `conflict_declarations` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`evaluator_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`has_conflict` integer NOT NULL,
	`note` text NOT NULL,
	`declared_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `consensus_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`points` integer NOT NULL,
	`reason` text NOT NULL,
	`recorded_by_user_id` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consensus_unique` ON `consensus_scores` (`submission_id`,`lot_id`,`criterion_id`);--> statement-breakpoint
CREATE TABLE `cost_plans` (
	`lot_bid_id` text PRIMARY KEY NOT NULL,
	`personnel_cost_per_fte_cents` integer NOT NULL,
	`material_cost_cents` integer NOT NULL,
	`overhead_cents` integer NOT NULL,
	FOREIGN KEY (`lot_bid_id`) REFERENCES `lot_bids`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`weight_percent` integer NOT NULL,
	`kind` text NOT NULL,
	`price_formula` text,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criteria_call_code` ON `criteria` (`call_id`,`code`);--> statement-breakpoint
CREATE TABLE `evaluator_assignments` (
	`lot_id` text NOT NULL,
	`evaluator_id` text NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`lot_id`, `evaluator_id`),
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `formal_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`lot_id` text,
	`item` text NOT NULL,
	`passed` integer NOT NULL,
	`note` text NOT NULL,
	`checked_by_user_id` text NOT NULL,
	`checked_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lot_bids` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`concept` text NOT NULL,
	`concept_file_id` text,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concept_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lot_bids_application_lot` ON `lot_bids` (`application_id`,`lot_id`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`number` integer NOT NULL,
	`region_id` text NOT NULL,
	`role_id` text NOT NULL,
	`cancelled_at` integer,
	`cancellation_reason` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_call_number` ON `lots` (`call_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `lots_call_region_role` ON `lots` (`call_id`,`region_id`,`role_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `organisation_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_unique` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`organisation_id` text,
	`kind` text NOT NULL,
	`sent_at` integer NOT NULL,
	`earliest_award_at` integer,
	`stored_file_id` text,
	`body` text NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stored_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `offered_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`lot_bid_id` text NOT NULL,
	`role_id` text NOT NULL,
	`fte_hundredths` integer NOT NULL,
	`qualification` text NOT NULL,
	`has_pedagogical_degree` integer NOT NULL,
	`pay_group` text NOT NULL,
	`pay_adequacy_declared` integer NOT NULL,
	`languages` text NOT NULL,
	FOREIGN KEY (`lot_bid_id`) REFERENCES `lot_bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `openings` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`started_by_user_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`confirmed_by_user_id` text,
	`confirmed_at` integer,
	`record` text,
	`audit_head_at_opening` text,
	`record_file_id` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`record_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `openings_call_id_unique` ON `openings` (`call_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`legal_form` text NOT NULL,
	`street` text NOT NULL,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`register_court` text,
	`register_number` text,
	`non_profit` integer NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`asked_by_user_id` text,
	`organisation_id` text,
	`body` text NOT NULL,
	`asked_at` integer NOT NULL,
	`public_question` text,
	`answer` text,
	`answered_by_user_id` text,
	`published_at` integer,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_call_code` ON `regions` (`call_id`,`code`);--> statement-breakpoint
CREATE TABLE `roles` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`summary` text NOT NULL,
	`tasks` text NOT NULL,
	`qualifications` text NOT NULL,
	`requires_pedagogical_degree` integer NOT NULL,
	`pay_guideline` text NOT NULL,
	`tandem_with` text,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roles_call_code` ON `roles` (`call_id`,`code`);--> statement-breakpoint
CREATE TABLE `scale_points` (
	`criterion_id` text NOT NULL,
	`points` integer NOT NULL,
	`meaning` text NOT NULL,
	PRIMARY KEY(`criterion_id`, `points`),
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scores` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`evaluator_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`points` integer NOT NULL,
	`justification` text NOT NULL,
	`finalised_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_unique` ON `scores` (`submission_id`,`lot_id`,`evaluator_id`,`criterion_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `staffing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`role_id` text NOT NULL,
	`basis` text NOT NULL,
	`clients_per_fte` integer,
	`target_group` text,
	`share_percent` integer,
	`fixed_fte_hundredths` integer,
	`explanation` text NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staffing_rules_role_id_unique` ON `staffing_rules` (`role_id`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`id` text PRIMARY KEY NOT NULL,
	`backend` text NOT NULL,
	`storage_key` text NOT NULL,
	`original_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`encrypted` integer DEFAULT false NOT NULL,
	`uploaded_by_user_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stored_files_storage_key_unique` ON `stored_files` (`storage_key`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`version` integer NOT NULL,
	`receipt_number` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`submitted_by_user_id` text,
	`content_hash` text NOT NULL,
	`sealed_content` blob NOT NULL,
	`audit_head_at_submission` text NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_receipt_number_unique` ON `submissions` (`receipt_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_application_version` ON `submissions` (`application_id`,`version`);--> statement-breakpoint
CREATE TABLE `user_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`user_id` text,
	`organisation_id` text,
	`email` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_tokens_token_hash_unique` ON `user_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`email_confirmed_at` integer,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);