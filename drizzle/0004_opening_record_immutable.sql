-- Öffnungsprotokoll: once the second officer has confirmed the opening, its record is final.
CREATE TRIGGER openings_final_after_confirmation BEFORE UPDATE ON openings
WHEN OLD.confirmed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a confirmed opening record cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER openings_no_delete_after_confirmation BEFORE DELETE ON openings
WHEN OLD.confirmed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a confirmed opening record cannot be deleted');
END;
