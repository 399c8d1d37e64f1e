-- Member State pages: the NREM's institution and contact, and its national reports (a JSON array of
-- {title, year, url}).
ALTER TABLE member_state_pages ADD COLUMN nrem_institution TEXT;
ALTER TABLE member_state_pages ADD COLUMN nrem_website TEXT;
ALTER TABLE member_state_pages ADD COLUMN nrem_email TEXT;
ALTER TABLE member_state_pages ADD COLUMN nrem_postal_address TEXT;
ALTER TABLE member_state_pages ADD COLUMN national_reports TEXT NOT NULL DEFAULT '[]';

-- Instruments: EUR-Lex's CELEX number, where the act has one.
ALTER TABLE instruments ADD COLUMN celex TEXT;

-- Agencies: their official web sites.
ALTER TABLE agencies ADD COLUMN website TEXT;

-- Stores seeded before this migration get the facts the bundle now carries; the bundle only adds what is
-- missing, and an editor's change is kept.
UPDATE instruments SET celex = '32011L0036' WHERE slug = 'directive-2011-36-eu' AND celex IS NULL;
UPDATE instruments SET date = '2011' WHERE slug = 'directive-2011-36-eu' AND date IS NULL;
UPDATE instruments SET date = '2012' WHERE slug = 'eu-strategy-2012-2016' AND date IS NULL;
UPDATE agencies SET website = 'https://euaa.europa.eu/' WHERE slug = 'easo' AND website IS NULL;
UPDATE agencies SET website = 'https://www.europol.europa.eu/' WHERE slug = 'europol' AND website IS NULL;
UPDATE agencies SET website = 'https://www.eulisa.europa.eu/' WHERE slug = 'eu-lisa' AND website IS NULL;
UPDATE agencies SET website = 'https://www.euda.europa.eu/' WHERE slug = 'emcdda' AND website IS NULL;
UPDATE agencies SET website = 'https://www.eurojust.europa.eu/' WHERE slug = 'eurojust' AND website IS NULL;
UPDATE agencies SET website = 'https://eige.europa.eu/' WHERE slug = 'eige' AND website IS NULL;
UPDATE agencies SET website = 'https://www.frontex.europa.eu/' WHERE slug = 'frontex' AND website IS NULL;
UPDATE agencies SET website = 'https://fra.europa.eu/' WHERE slug = 'fra' AND website IS NULL;
UPDATE agencies SET website = 'https://www.cepol.europa.eu/' WHERE slug = 'cepol' AND website IS NULL;
UPDATE agencies SET website = 'https://www.eurofound.europa.eu/' WHERE slug = 'eurofound' AND website IS NULL;
