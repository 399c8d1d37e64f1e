-- A submitted application changes no public page (only a decision does: accepted organisations are counted
-- per Member State), so submitting one leaves no change behind: an anonymous form must not be a way to
-- make every server render its pages again.
DROP TRIGGER platform_applications_inserted_change;
