ALTER TABLE `offered_posts` ADD `weekly_hours_hundredths` integer;--> statement-breakpoint
-- Hand-written backfill (decision 0021): rows saved before weekly hours were asked get the hours
-- of their FTE at TVöD's 39 h a full-time post (1,00 FTE = 3900 hundredths of an hour), the
-- figure every call's pay scale states from now on.
UPDATE `offered_posts` SET `weekly_hours_hundredths` = `fte_hundredths` * 39 WHERE `weekly_hours_hundredths` IS NULL;--> statement-breakpoint
-- A stored pay scale gains the full-time weekly hours; 39 h is what the definitions default to.
UPDATE `calls` SET `pay_scale` = json_set(`pay_scale`, '$.fullTimeWeeklyHours', 39) WHERE `pay_scale` IS NOT NULL AND json_extract(`pay_scale`, '$.fullTimeWeeklyHours') IS NULL;
