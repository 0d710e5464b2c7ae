CREATE TABLE `retention_deletions` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`call_id` text,
	`kind` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `retention_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `retention_deletions_call_idx` ON `retention_deletions` (`call_id`,`kind`);--> statement-breakpoint
CREATE INDEX `retention_deletions_object_idx` ON `retention_deletions` (`object_type`,`object_id`);--> statement-breakpoint
CREATE TABLE `retention_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`summary` text
);
--> statement-breakpoint
ALTER TABLE `audit_entries` ADD `redacted_at` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `retention_until` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `retention_done_at` integer;--> statement-breakpoint
ALTER TABLE `stored_files` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `content_deleted_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `anonymised_at` integer;--> statement-breakpoint
-- Hand-written (decision 0036): the trail stays append-only, except that retention may
-- redact an entry's details once: details replaced, redacted_at set, every other field
-- (the hash the chain links through included) unchanged.
DROP TRIGGER audit_entries_no_update;--> statement-breakpoint
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
WHEN NOT (
  OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
  AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor_user_id IS OLD.actor_user_id
  AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type AND NEW.object_id = OLD.object_id
  AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
  AND NEW.details = '{"redacted":true}'
)
BEGIN
  SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
--> statement-breakpoint
-- Hand-written (decision 0036): submitted content stays unchanged, except that retention may
-- replace it once, marking content_deleted_at; content_hash never changes.
DROP TRIGGER `submissions_content_immutable`;--> statement-breakpoint
CREATE TRIGGER `submissions_content_immutable` BEFORE UPDATE OF `sealed_content`, `content_hash`, `content_deleted_at` ON `submissions`
WHEN NOT (OLD.`content_deleted_at` IS NULL AND NEW.`content_deleted_at` IS NOT NULL AND NEW.`content_hash` = OLD.`content_hash`)
BEGIN
  SELECT RAISE(ABORT, 'submitted content cannot be changed');
END;
