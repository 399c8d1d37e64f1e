-- A submitted application changes no public page (only a decision does: accepted organisations are counted
-- per Member State), so submitting one leaves no change behind: an anonymous form must not be a way to
-- make every server render its pages again.
DROP TRIGGER platform_applications_change ON platform_applications;
CREATE TRIGGER platform_applications_change AFTER UPDATE OR DELETE ON platform_applications FOR EACH ROW EXECUTE FUNCTION note_change('application', 'id');
