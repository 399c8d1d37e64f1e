-- Facts as the source states them (issue 7).
-- Headings the archived page keeps with nothing under them, whose links were lost.
ALTER TABLE projects ADD COLUMN links_lost TEXT NOT NULL DEFAULT '[]';
UPDATE projects SET links_lost = '["Publications and other resources", "Further information"]'
    WHERE slug IN ('anticorrp', 'glomig') AND synthetic = 0;
UPDATE projects SET links_lost = '["Further information"]'
    WHERE slug IN ('on-the-move', 'digital-crossings-in-europe', 'euborder-care', 'swab') AND synthetic = 0;

-- When the page speaks of each person in the role it gives them.
ALTER TABLE people ADD COLUMN as_of TEXT;
UPDATE people SET as_of = '2018-06-13' WHERE name IN ('Myria Vassiliadou', 'Dimitris Avramopoulos', 'Krasimir Tsipov',
    'Olivier Onidi', 'Paraskevi Michou', 'Virginija Langbakk');
UPDATE people SET as_of = '2016' WHERE name = 'Sandra Ponzanesi';
UPDATE people SET as_of = '2015' WHERE name = 'Vanessa Elisa Grotti';
UPDATE people SET as_of = '2013' WHERE name = 'Alice Bellagamba';

-- The network was established following the Council Conclusions of June 2009; the page does not say they
-- established it.
UPDATE instruments SET title = 'Council Conclusions of June 2009'
    WHERE slug = 'council-conclusions-2009'
      AND title = 'Council Conclusions of June 2009 establishing the EU Network of National Rapporteurs or Equivalent Mechanisms';
