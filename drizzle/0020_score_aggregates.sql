-- One row per bid, its criteria's aggregates as JSON ([[criterion_id, count, min, max, sum], …]):
-- the ranking reads 3,200 short texts instead of 25,600 rows of seven values (decision 0033).
-- WITHOUT ROWID (not expressible in the drizzle schema): read in key order, one lookup per row.
CREATE TABLE `score_aggregates` (
	`submission_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`criteria` text NOT NULL,
	PRIMARY KEY(`submission_id`, `lot_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Auftragswert fixed at the award (decision 0033); awards made before get it from `portal contracts:conclude`.
ALTER TABLE `award_decisions` ADD `value_cents` integer;
--> statement-breakpoint
CREATE INDEX `conflict_declarations_latest` ON `conflict_declarations` (`call_id`,`evaluator_id`,`organisation_id`,`declared_at`);
--> statement-breakpoint
-- The final scores that count (app/evaluation/conflicts.ts, scoreCounts; decision 0033):
-- finalised, finalised no later than the evaluator's latest certification on the call, and
-- the evaluator not kept out of the carrier's bids by their latest declaration (a conflict
-- the officers did not allow). tests/integration/ranking-aggregate.test.ts holds this to the
-- rule in TypeScript on randomised evaluations.
CREATE VIEW `counting_scores` AS
SELECT s.`submission_id`, s.`lot_id`, s.`criterion_id`, s.`evaluator_id`, s.`points`
FROM `scores` s
JOIN `lots` l ON l.`id` = s.`lot_id`
JOIN `submissions` sub ON sub.`id` = s.`submission_id`
JOIN `applications` a ON a.`id` = sub.`application_id`
WHERE s.`finalised_at` IS NOT NULL
  AND s.`finalised_at` <= (SELECT max(c.`certified_at`) FROM `conflict_certifications` c WHERE c.`call_id` = l.`call_id` AND c.`evaluator_id` = s.`evaluator_id`)
  AND NOT EXISTS (
    SELECT 1 FROM `conflict_declarations` d
    WHERE d.`id` = (
        SELECT d2.`id` FROM `conflict_declarations` d2
        WHERE d2.`call_id` = l.`call_id` AND d2.`evaluator_id` = s.`evaluator_id` AND d2.`organisation_id` = a.`organisation_id`
        ORDER BY d2.`declared_at` DESC, d2.`rowid` DESC LIMIT 1)
      AND d.`has_conflict` = 1
      AND NOT EXISTS (SELECT 1 FROM `conflict_decisions` x WHERE x.`declaration_id` = d.`id` AND x.`outcome` = 'allow'));
--> statement-breakpoint
INSERT INTO `score_aggregates`
SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE 1 GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
--> statement-breakpoint
-- One bid after a score of it was written.
CREATE TRIGGER `score_aggregates_score_inserted` AFTER INSERT ON `scores`
BEGIN
  DELETE FROM `score_aggregates` WHERE `submission_id` = NEW.`submission_id` AND `lot_id` = NEW.`lot_id`;
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE `submission_id` = NEW.`submission_id` AND `lot_id` = NEW.`lot_id` GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_score_deleted` AFTER DELETE ON `scores`
BEGIN
  DELETE FROM `score_aggregates` WHERE `submission_id` = OLD.`submission_id` AND `lot_id` = OLD.`lot_id`;
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE `submission_id` = OLD.`submission_id` AND `lot_id` = OLD.`lot_id` GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
-- An update may move a score to another bid: both are computed again.
CREATE TRIGGER `score_aggregates_score_updated` AFTER UPDATE ON `scores`
BEGIN
  DELETE FROM `score_aggregates` WHERE ((`submission_id` = OLD.`submission_id` AND `lot_id` = OLD.`lot_id`) OR (`submission_id` = NEW.`submission_id` AND `lot_id` = NEW.`lot_id`));
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE ((`submission_id` = OLD.`submission_id` AND `lot_id` = OLD.`lot_id`) OR (`submission_id` = NEW.`submission_id` AND `lot_id` = NEW.`lot_id`)) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
-- A certification covers every score its evaluator finalised on the call until then.
CREATE TRIGGER `score_aggregates_certification_inserted` AFTER INSERT ON `conflict_certifications`
BEGIN
  DELETE FROM `score_aggregates` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` WHERE s.`evaluator_id` = NEW.`evaluator_id` AND l.`call_id` = NEW.`call_id`);
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` WHERE s.`evaluator_id` = NEW.`evaluator_id` AND l.`call_id` = NEW.`call_id`) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_certification_deleted` AFTER DELETE ON `conflict_certifications`
BEGIN
  DELETE FROM `score_aggregates` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` WHERE s.`evaluator_id` = OLD.`evaluator_id` AND l.`call_id` = OLD.`call_id`);
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` WHERE s.`evaluator_id` = OLD.`evaluator_id` AND l.`call_id` = OLD.`call_id`) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
-- The latest declaration about a carrier decides whether the evaluator's scores of its bids count.
CREATE TRIGGER `score_aggregates_declaration_inserted` AFTER INSERT ON `conflict_declarations`
BEGIN
  DELETE FROM `score_aggregates` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = NEW.`evaluator_id` AND l.`call_id` = NEW.`call_id` AND a.`organisation_id` = NEW.`organisation_id`);
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = NEW.`evaluator_id` AND l.`call_id` = NEW.`call_id` AND a.`organisation_id` = NEW.`organisation_id`) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_declaration_deleted` AFTER DELETE ON `conflict_declarations`
BEGIN
  DELETE FROM `score_aggregates` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = OLD.`evaluator_id` AND l.`call_id` = OLD.`call_id` AND a.`organisation_id` = OLD.`organisation_id`);
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = OLD.`evaluator_id` AND l.`call_id` = OLD.`call_id` AND a.`organisation_id` = OLD.`organisation_id`) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
-- An allowed conflict lets the scores count again.
CREATE TRIGGER `score_aggregates_decision_inserted` AFTER INSERT ON `conflict_decisions`
BEGIN
  DELETE FROM `score_aggregates` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = (SELECT d.`evaluator_id` FROM `conflict_declarations` d WHERE d.`id` = NEW.`declaration_id`) AND l.`call_id` = (SELECT d.`call_id` FROM `conflict_declarations` d WHERE d.`id` = NEW.`declaration_id`) AND a.`organisation_id` = (SELECT d.`organisation_id` FROM `conflict_declarations` d WHERE d.`id` = NEW.`declaration_id`));
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = (SELECT d.`evaluator_id` FROM `conflict_declarations` d WHERE d.`id` = NEW.`declaration_id`) AND l.`call_id` = (SELECT d.`call_id` FROM `conflict_declarations` d WHERE d.`id` = NEW.`declaration_id`) AND a.`organisation_id` = (SELECT d.`organisation_id` FROM `conflict_declarations` d WHERE d.`id` = NEW.`declaration_id`)) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `score_aggregates_decision_deleted` AFTER DELETE ON `conflict_decisions`
BEGIN
  DELETE FROM `score_aggregates` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = (SELECT d.`evaluator_id` FROM `conflict_declarations` d WHERE d.`id` = OLD.`declaration_id`) AND l.`call_id` = (SELECT d.`call_id` FROM `conflict_declarations` d WHERE d.`id` = OLD.`declaration_id`) AND a.`organisation_id` = (SELECT d.`organisation_id` FROM `conflict_declarations` d WHERE d.`id` = OLD.`declaration_id`));
  INSERT INTO `score_aggregates`
  SELECT `submission_id`, `lot_id`, json_group_array(json_array(`criterion_id`, `n`, `lo`, `hi`, `total`)) FROM (
    SELECT `submission_id`, `lot_id`, `criterion_id`, count(*) AS `n`, min(`points`) AS `lo`, max(`points`) AS `hi`, sum(`points`) AS `total`
    FROM `counting_scores` WHERE (`submission_id`, `lot_id`) IN (SELECT s.`submission_id`, s.`lot_id` FROM `scores` s JOIN `lots` l ON l.`id` = s.`lot_id` JOIN `submissions` sub ON sub.`id` = s.`submission_id` JOIN `applications` a ON a.`id` = sub.`application_id` WHERE s.`evaluator_id` = (SELECT d.`evaluator_id` FROM `conflict_declarations` d WHERE d.`id` = OLD.`declaration_id`) AND l.`call_id` = (SELECT d.`call_id` FROM `conflict_declarations` d WHERE d.`id` = OLD.`declaration_id`) AND a.`organisation_id` = (SELECT d.`organisation_id` FROM `conflict_declarations` d WHERE d.`id` = OLD.`declaration_id`)) GROUP BY `submission_id`, `lot_id`, `criterion_id`)
  GROUP BY `submission_id`, `lot_id`;
END;
--> statement-breakpoint
-- Submitted content is never changed: the ranking keeps the opened snapshots in memory (decision 0033).
CREATE TRIGGER `submissions_content_immutable` BEFORE UPDATE OF `sealed_content`, `content_hash` ON `submissions`
BEGIN
  SELECT RAISE(ABORT, 'submitted content cannot be changed');
END;
