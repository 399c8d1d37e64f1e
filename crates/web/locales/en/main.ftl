# Rapporteur: English interface text. Content (projects, calls, news …) is not here: it comes from the store.

## Site
site-name = Together Against Trafficking in Human Beings
site-owner = European Commission · EU Anti-Trafficking Coordinator
skip-to-content = Skip to main content
feed-title = News (Atom feed)
search-label = Search the site
search-button = Search
nav-label = Main
nav-home = Home
nav-projects = Projects
nav-calls = Funding calls
nav-news = News
nav-network = The network
nav-member-states = Member States
nav-legislation = Legislation and policy
breadcrumb-label = You are here
footer-about = The EU's portal against trafficking in human beings: the EU approach, the network of National Rapporteurs or Equivalent Mechanisms, funded projects, funding calls and news.
footer-api = Open data API (OpenAPI)
footer-feed = News feed (Atom)
footer-sitemap = Sitemap
footer-synthetic-note = Anything marked “Synthetic” was generated for load tests and describes nothing real.
pagination-label = Pages
pagination-previous = Previous page
pagination-next = Next page
pagination-position = Page { $page } of { $pages }
results-count = { $count ->
    [0] No results
    [one] 1 result
   *[other] { $count } results
}
unknown = not stated in the source
as-written = as written in the source
as-json = This page as JSON
synthetic-label = Synthetic
synthetic-explained = This project was generated for load tests: it does not exist.

## Home
home-title = Together against trafficking in human beings
home-intro = The EU fights trafficking in human beings through a network: the EU Anti-Trafficking Coordinator, the National Rapporteurs or Equivalent Mechanisms of every Member State, ten EU agencies, the EU Civil Society Platform and EU-funded research.
home-approach = The EU approach
home-all-instruments = All legislation and policy
home-open-calls = Open funding calls
home-no-open-calls = No call is open at the moment.
home-all-calls = See all calls, open and closed.
home-latest-news = Latest news
home-network = The network
home-projects = Funded projects
home-projects-count = { $count ->
    [one] One EU-funded project
   *[other] { $count } EU-funded projects
} linked to trafficking in human beings.
home-synthetic-count = (The store also holds { $count } synthetic projects for load tests.)
home-browse-projects = Browse and filter the projects.
home-source = Source of the content:

## Projects
projects-title = Funded projects
projects-intro = Research projects funded by the EU (FP6, FP7 and the European Research Council) with a link to trafficking in human beings.
projects-none = No project matches these filters.
filter-words = Words in the title, acronym or reference
filter-programme = Programme
filter-country = Country of the coordinator or a partner
filter-any = Any
filter-years = Running between the years
filter-from = From
filter-to = To
filter-budget = Budget in euro
filter-budget-min = At least
filter-budget-max = At most
filter-sort = Sort by
filter-apply = Apply filters
filter-reset = Clear all filters
sort-relevance = Best match first
sort-title = Name (A–Z)
sort-start = Start date (oldest first)
sort-start-desc = Start date (newest first)
sort-budget = Budget (smallest first)
sort-budget-desc = Budget (largest first)
programme-fp6 = Sixth Framework Programme (FP6)
programme-fp7 = Seventh Framework Programme (FP7)
programme-erc = European Research Council (ERC)
programme-synthetic = Synthetic (load-test data)
project-programme = Programme
project-budget = Budget
project-timeframe = Timeframe
project-reference = Reference
project-call = call
project-grant-number = grant number
project-coordinator = Coordinator
project-host = Host institution
project-name = Name
project-address = Address
project-country = Country
project-pi = Principal investigator
project-months = { $months } months
project-partners = Partners
project-partners-none = No other partners
project-partners-caption = { $count ->
    [one] One partner
   *[other] { $count } partners
}
partner-name = Name
partner-acronym = Acronym
partner-country = Country
project-objectives = Objectives and results
project-mid-term = Mid-term summary
project-link-thb = Link to trafficking in human beings
project-publications = Publications and other resources

## Calls
calls-title = Funding calls
calls-intro = Calls for proposals of the EU funds and calls for expression of interest of the EU Civil Society Platform. Open calls come first. Deadlines are Brussels time.
call-kind = Type
call-kind-proposals = Call for proposals
call-kind-interest = Call for expression of interest
call-fund = Fund
call-topic = Topic
call-work-programme = Work programme
call-deadline = Deadline
call-eligible = Open to organisations legally based in
call-status-open = Open
call-status-closed = Closed
call-closes-in = Closes in { $days ->
    [one] 1 day
   *[other] { $days } days
} and { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
}
call-add-to-calendar = Add the deadline to your calendar (.ics)
call-summary = About this call
call-errata = Errata corrige
call-instruments = Instruments this call refers to

## News
news-title = News
news-feed-link = Follow the news with the Atom feed
news-instruments = Related instruments
news-agencies = Agencies

## Network
network-title = The network
network-intro = Who works together against trafficking in human beings at EU level: the EU Anti-Trafficking Coordinator, each Member State's National Rapporteur or Equivalent Mechanism, ten EU agencies, civil society and researchers.
network-established = Established:
network-agencies = The ten EU agencies of the 2018 Joint Statement
network-agencies-intro = The Heads of ten EU agencies signed the Joint Statement of commitment to working together to address trafficking in human beings on 13 June 2018.
network-people = People and roles
network-people-intro = As the page names them, in the roles they held when it speaks of them.

## Member States
member-states-title = Member States
member-states-intro = The 27 Member States of the European Union. Each has appointed a National Rapporteur or Equivalent Mechanism.
ms-iso = ISO code
ms-eurostat = Eurostat code
ms-nrem = National Rapporteur or Equivalent Mechanism
ms-nrem-text = Each Member State has appointed a National Rapporteur or Equivalent Mechanism (Directive 2011/36/EU, Article 19), which attends the biannual meetings of the EU Network.
ms-nrem-link = About the EU Network of NREMs
ms-projects = Funded projects with a coordinator or partner here
ms-projects-none = No funded project in the content has a coordinator or partner stated to be here.
ms-project-lead = coordinator or host
ms-project-partner = partner
ms-calls = Calls restricted to organisations from a list of Member States that includes this one
ms-calls-none = No call in the content is restricted in this way.

## Legislation
legislation-title = Legislation and policy
legislation-intro = The EU's legal and policy instruments against trafficking in human beings, with the reports, studies and work programmes the content refers to.
instrument-kind = Type
instrument-reference = Reference
instrument-date = Date
instrument-articles = Articles cited
instrument-article = Article
instrument-cited-by = Calls that refer to it
instrument-kind-directive = Directives
instrument-kind-council-conclusions = Council Conclusions
instrument-kind-strategy = Strategies
instrument-kind-communication = Communications
instrument-kind-joint-statement = Joint Statements
instrument-kind-report = Reports
instrument-kind-study = Studies
instrument-kind-work-programme = Work programmes

## Search
search-title = Search
search-title-for = Search results for “{ $q }”
search-words = Words to search for
search-kind = Type of content
search-none = Nothing matches. Try fewer or other words.
search-kind-project = Project
search-kind-call = Funding call
search-kind-news = News
search-kind-instrument = Legislation and policy

## Errors
error-not-found-title = Page not found
error-not-found-text = There is no page at this address. It may have moved, or the address may be mistyped.
error-bad-request-title = This request cannot be answered
error-internal-title = Something went wrong on our side
error-internal-text = The page could not be shown because of an error on the server. It has been logged; please try again later.
error-too-large-text = What was sent is larger than this address accepts.
error-too-many-text = Too many tries from here. Wait up to { $minutes } minutes and try again.
error-onward = Where to go from here

## Deadlines and calendar files
deadline-day = { $date }
deadline-at-zone-assumed = { $date }, { $time } (Brussels time assumed: the call names no time zone)
deadline-at = { $date }, { $time } (UTC{ $offset })
calendar-summary = Deadline: { $title }
calendar-description = { $deadline }. { $url }
calendar-day-note = The call gives a day, not a time: the whole day is marked.

## Errors in query parameters (also returned by the API)
param-not-url-encoded = The query string is not valid URL encoding.
param-too-long = { $name } must be at most { $max } characters.
param-not-whole-number = { $name } must be a whole number from { $min } to { $max }, not “{ $value }”.
param-bad-programme = programme must be FP6, FP7, ERC or SYNTHETIC, not “{ $value }”.
param-bad-country = country must be an ISO 3166 code such as DE, not “{ $value }”.
param-bad-euros = { $name } must be an amount in euro such as 250000, not “{ $value }”.
param-bad-choice = { $name } must be one of { $allowed }, not “{ $value }”.
param-to-before-from = to ({ $to }) must not be before from ({ $from }).
param-budget-max-below-min = budget_max must not be below budget_min.
param-q-required = q is required: the words to search for.
param-bad-date = { $name } must be a date such as 2018-06-13, not “{ $value }”.
error-unauthenticated-title = Sign-in needed
error-unauthenticated-text = This needs an account: send a valid API token as “Authorization: Bearer TOKEN”.
error-forbidden-title = Not allowed
error-forbidden-text = Your account may not do this.
error-csrf-text = This form was not sent from this site's own page, or the page is too old. Open the page again and resend the form.

## Signing in
nav-sign-in = Sign in
sign-in-title = Sign in
sign-in-email = E-mail address
sign-in-password = Password
sign-in-button = Sign in
sign-in-help = Accounts are for the EU ATC office, the National Rapporteurs, data sources, agencies and civil-society organisations of the Platform. An administrator creates them.
sign-in-failed = The e-mail address or the password is wrong.
sign-in-throttled = Too many failed attempts. Wait { $minutes } minutes and try again.
account-title = Your account
account-email = E-mail address
account-role = Role
account-member-state = Member State
account-organisation = Organisation
account-agency = Agency
sign-out-button = Sign out
sign-out-everywhere-button = Sign out on every device
role-admin = Administrator (EU ATC office)
role-editor = Editor (EU ATC office)
role-rapporteur = National Rapporteur or Equivalent Mechanism
role-source = Data source
role-agency = EU agency
role-cso = Civil-society organisation
error-conflict-title = This already exists

## Editing
edit-project = Edit this project
edit-page-title = Edit { $project }
edit-state-published = Published
edit-state-draft = Draft: not shown to the public
edit-revisions-link = All revisions
edit-publish = Publish
edit-unpublish = Withdraw from the public
edit-errors = { $count ->
    [one] One field needs attention:
   *[other] { $count } fields need attention:
}
edit-preview-heading = Preview
edit-preview-note = This is how the page will look. Nothing is saved until you press “Save”.
edit-form-heading = Content
edit-acronym = Acronym
edit-title = Title
edit-reference = Reference, as the source writes it (e.g. FP7 290529, ERC-2016-StG Grant #714222)
edit-coordinator-role = Role of the lead institution
edit-coordinator-name = Name of the lead institution
edit-coordinator-address = Address of the lead institution
edit-coordinator-country = Country of the lead institution
edit-budget = Budget in euro (e.g. 1500000.00)
edit-start = Start date
edit-end = End date
edit-partners-hint = One partner per line: Name, Country (ACRONYM)
edit-partners-note = What the source writes instead of partners (e.g. N/A)
edit-paragraphs-hint = Separate paragraphs with an empty line.
edit-preview = Preview
edit-save = Save
revisions-title = Revisions of { $project }
revisions-edit-link = Back to editing
revisions-none = No revision has been recorded yet: it is as bundled.
revisions-caption = Every saved state, newest first
revisions-number = Revision
revisions-when = When
revisions-who = Who
revisions-what = What
revision-action-create = Created
revision-action-update = Edited
revision-action-publish = Published
revision-action-unpublish = Withdrawn
audit-title = Audit log
audit-actor = Who (e-mail address, or cli)
audit-object = Object

## Civil Society Platform
call-apply = Apply as an organisation
apply-title = Apply to the EU Civil Society Platform
apply-organisation = Name of the organisation
apply-email = Contact e-mail address
apply-seat = Member State of the legal seat
apply-choose = Choose a Member State
apply-motivation = Why your organisation wishes to join, and its work against trafficking in human beings
apply-submit = Send the application
apply-error-name = Give the organisation's name (at most 300 characters).
apply-error-seat = Choose the Member State of the legal seat.
apply-error-email = Give a contact e-mail address such as office@example.org.
apply-error-motivation = Say why the organisation wishes to join (at most 5000 characters).
apply-refused-title = Application refused
apply-refused-late = The application is refused: the deadline, { $deadline }, has passed.
apply-refused-ineligible = The application is refused: organisations with their legal seat in { $seat } are not eligible for this call. Eligible: { $eligible }.
apply-refused-not-open = This call takes no applications through the portal.
apply-received-title = Application received
apply-received = Your application has been received (number { $id }). The EU ATC office will review it.
platform-title = Civil Society Platform: applications and balance
platform-applications = Applications
platform-no-applications = No application yet.
platform-status = Status
platform-status-submitted = Waiting for a decision
platform-status-accepted = Accepted
platform-status-rejected = Rejected
platform-accept = Accept
platform-reject = Reject
platform-balance = Geographical balance
platform-member-state = Member State
platform-members = Members
platform-none = None
ms-edit = Edit this page
ms-edit-title = Edit the page of { $name }
ms-summary = About trafficking in human beings in this Member State
ms-updated = Last written by { $who } at { $when }.
accounts-explained = Disabling an account or setting a new password for it ends every session of the account and revokes every API token it has.
accounts-title = Accounts
accounts-caption = Every account, by e-mail address
accounts-actions = Actions
accounts-active = Active
accounts-disabled = Disabled
accounts-enable = Enable
accounts-disable = Disable
accounts-create = Create an account
accounts-initial-password = First password (at least 12 characters; give it to the person by a safe channel)
accounts-create-button = Create the account
accounts-created = The account { $email } is created.
token-title = Your new API token
token-once = Copy it now: it is shown only this once. Send it as “Authorization: Bearer TOKEN”.
token-heading = Personal API tokens
token-explained = Programs can act as you with a personal token; it has your role and scope, and you can revoke all your tokens at any time.
token-create = Create a token
token-revoke = Revoke all my tokens
account-admin-heading = Administration
account-editor-heading = Editing
account-edit-projects = Projects: drafts, new projects (open a published one to edit it)
account-edit-calls = Calls, including Civil Society Platform calls
account-edit-news = News
account-edit-instruments = Legislation and policy
sign-out-heading = Signing out
sign-out-everywhere-explained = Signing out ends this session. Signing out on every device ends every session of your account and revokes every API token; so do a password reset by an administrator and disabling the account.

## Commitments and actions
account-monitoring-heading = Monitoring
commitments-title = Commitments and actions
commitments-report-link = The progress report (printable)
commitments-dashboard = Status at a glance
commitments-by-owner = By owner
commitments-by-priority = By priority of the 2017 Communication
commitments-list = Every commitment and action
commitment-no-priority = Joint Statement and other commitments
commitment-owners = Owners
commitment-due = Due
commitment-evidence = Evidence
commitment-record = Record progress
commitment-date = Date
commitment-text = What was done
commitment-keep-status = Keep the current status
commitment-status-none = Not recorded
commitment-status-not-started = Not started
commitment-status-in-progress = In progress
commitment-status-done = Done
commitment-status-dropped = Dropped
owner-commission = European Commission
owner-member-states = Member States
report-title = Progress on the actions against trafficking in human beings
report-generated = Generated on { $date } from the progress recorded in Rapporteur.
report-intro = The Commission reports on progress on the actions of the December 2017 Communication to the European Parliament and the Council (by the end of 2018), and monitors the implementation of the commitments of the 2018 Joint Statement of ten EU agencies. This report lists every commitment and action with its status and the progress recorded, as recorded.
report-no-progress = No progress has been recorded.

## Meetings
meetings-title = Meetings of the EU Network of NREMs
meetings-intro = The network meets twice a year; the EU Anti-Trafficking Coordinator chairs the meetings with the incumbent Council Presidency.
meetings-none = No meeting is recorded yet.
meetings-create = Record a meeting
meetings-slug = Short name for the address (e.g. nrem-2018-06)
meetings-presidency = Council Presidency (co-chair)
meetings-joint = Joint session with the Civil Society Platform
meetings-agenda = Agenda
meetings-minutes = Minutes
meetings-no-minutes = No minutes yet.
meetings-documents = Documents
meetings-no-documents = No document yet.
meetings-upload = Add a document
meetings-upload-hint = PDF, ODT or DOCX, at most 10 MB.
meetings-upload-button = Upload
meetings-attendance = Attendance
meetings-attendance-caption = Attendance per Member State
meetings-present = Present
meetings-yes = Yes
meetings-no = No
meetings-mark-present = Present
meetings-mark-absent = Absent
meetings-chairs = Chaired by
meetings-chairs-value = the EU Anti-Trafficking Coordinator and the { $presidency } Presidency ({ $semester })
commitments-report-odt = The same report as an OpenDocument file (.odt)

## Editing calls, news, instruments; new projects
edit-slug = Address name (slug)
edit-slug-hint = Lower-case letters, digits and hyphens; it becomes part of the address and cannot change later.
edit-slug-taken = The address name “{ $slug }” is already taken.
edit-deadline-hint = As precisely as the call states it: a day (2019-01-31), a time (2019-01-31T17:00, taken as Brussels time when the call names no zone) or a time with its offset (2019-01-31T17:00+01:00).
edit-deadline-as-written = The deadline as the call text writes it (optional)
edit-eligible = Legal seat required in (leave all unticked when any Member State may apply)
edit-errata-hint = Corrections published after the call opened, oldest first; separate them with an empty line.
edit-date = Date
edit-date-hint = 2018-10-18, or 2018-10 where only the month is known.
edit-partial-date-hint = As precise as known: 2011, 2011-04 or 2011-04-05.
edit-body = Text
edit-summary = Summary
edit-articles-hint = One article per line: number, a colon, its subject (e.g. 2: Offences concerning trafficking in human beings).
workspace-list-title-call = Calls: editing
workspace-list-title-news = News: editing
workspace-list-title-instrument = Legislation and policy: editing
workspace-list-title-project = Projects: editing
workspace-new-call = New call
workspace-new-news = New news item
workspace-new-instrument = New instrument
workspace-new-project = New project
workspace-new-is-draft = It is saved as a draft: the public sees it only once you publish it.
workspace-state = State
workspace-actions = Actions
workspace-edit = Edit
workspace-projects-published-hint = To edit a published project, open it in the public list and press “Edit this project”:
workspace-projects-unpublished = Drafts and withdrawn projects
workspace-projects-none-unpublished = There are none: every project is published.
meetings-minutes-edit = Write the minutes
meetings-minutes-save = Save the minutes
account-applications-heading = Your applications to the Civil Society Platform
accounts-reset = Reset the password
accounts-new-password = New password (at least 12 characters)
accounts-reset-button = Set the password
accounts-password-reset = The password of { $email } was reset and its sessions ended.
commitment-new = Enter a commitment or action
commitment-new-note = Enter only what a text of the network states: the instrument it comes from, its owners and its due date.
commitment-new-button = Enter the commitment
commitment-instrument = Stated in
commitment-priority = Priority of the 2017 Communication (if any)
audit-kind = Kind of object (project, call, news, instrument, member_state, account …)
audit-from = On or after
audit-to = On or before
param-nul = The field “{ $name }” contains a NUL character, which no text may hold.

## Statistics
nav-statistics = Statistics
stats-title = Trafficking in human beings: registered victims in the EU
stats-intro = Figures published by the National Rapporteurs or Equivalent Mechanisms of the Member States, aggregated to EU level by Rapporteur. Registered victims are identified and presumed victims known to the authorities and organisations that register them: they are not the number of victims.
stats-ms-heading = Figures
stats-ms-none = This Member State has not published figures in Rapporteur yet. Its National Rapporteur or Equivalent Mechanism submits them; the EU Anti-Trafficking Coordinator's office validates them before publication.
stats-ms-more = All published figures of { $name }, with downloads
stats-trend-title = Registered victims in { $place }, by year
stats-series-registered = Registered victims (published national figures)
stats-series-eu-built = EU total built from published national figures
stats-series-official = Official EU figure (Eurostat and the Commission)
stats-unit-persons = persons
stats-registered-note = Identified and presumed victims. Years without a published figure are left as gaps, never estimated.
stats-suppressed-note = Counts from 1 to 4, and the cells from which they could be worked out, are withheld (shown as not available) to protect the people behind them.
stats-breakdown-title = Registered victims by { $dimension }, { $year }
stats-editions-caption = Published editions, newest first (the figures shown are from the latest of each table)
stats-col-table = Table
stats-col-version = Edition
stats-col-published = Published
stats-col-signed = Signed off by
stats-col-suppressed = Withheld / figures
stats-year = Year
stats-as-of = As published on
stats-show = Show
stats-map-title = Registered victims by Member State, { $year }
stats-coverage-heading = Coverage
stats-coverage-text = The EU figures add up the Member States that have published figures for the year; the others are named, never estimated. A figure marked d covers fewer than the 27 Member States.
stats-col-year = Year
stats-col-total = Total built
stats-col-reporting = Member States in
stats-col-missing = Not included
stats-col-official = Official EU figure
stats-col-source = Source
stats-official-heading = Official EU figures
stats-official-text = As published by Eurostat and in the Commission's progress reports; figures for the same period differ between editions (late reporting, the United Kingdom's exit, revisions), so each is given with its edition.
stats-col-period = Period
stats-col-indicator = Figure
stats-col-value = Value
stats-downloads = Download
stats-download-text = The figures shown, with the EU aggregates, as SDMX-CSV (Eurostat's columns), JSON-stat 2.0, CSV or Excel. Add as_of=YYYY-MM-DD to the address for the figures as published on that day.
stats-synthetic-warning = Some figures here are synthetic: generated for trying Rapporteur, not real. They are marked wherever they appear.
stats-none = No figures have been published yet.
stats-national-title = Trafficking in human beings: registered victims in { $name }
stats-persons-heading = Suspected, prosecuted and convicted persons
stats-workspace-title = Statistics submissions
stats-workspace-intro = Each Member State submits its figures per dataflow and reference year: draft, submitted, validated by the EU ATC office, published when its rapporteur signs off.
stats-workspace-none = No submission yet.
stats-col-dataflow = Dataflow
stats-col-country = Member State
stats-col-state = State
stats-col-updated = Last change
stats-open-heading = Open a submission
stats-open = Open
stats-dataflow = Dataflow
stats-submission-title = { $dataflow } { $name } { $year }
stats-next-step = Next step
stats-upload-heading = Upload a file
stats-upload-text = SDMX-CSV with Eurostat's columns, or CSV with the columns geo, TIME_PERIOD, OBS_VALUE and any of the dimensions (a dimension left out is its total). Every problem is listed with its line and column; nothing is saved while there is an error.
stats-upload-file = File (CSV)
stats-upload = Check and save
stats-form-heading = Enter figures
stats-form-text = The totals and one-way breakdowns. Leave a field empty when you do not have the figure; write : when it is not available and 0 when there were none.
stats-save-figures = Check and save the figures
stats-problems-heading = Problems found
stats-problems-none = No problem found.
stats-saved = Saved { $count } figures.
stats-draft-heading = The draft
stats-draft-empty = No figures yet.
stats-sources-heading = Contributions of the sources
stats-sources-text = Each source organisation contributes the figures it registered (its registering-organisation slice). Adding them up writes their sum into the draft.
stats-combine = Add the sources' figures into the draft
stats-steps-heading = Steps
stats-comment = Comment
stats-history-heading = History
stats-col-when = When
stats-col-who = Who
stats-col-action = Step
stats-col-comment = Comment
stats-action-submit = Submit for validation
stats-action-validate = Validate
stats-action-return = Return with a comment
stats-action-publish = Sign off and publish
stats-your-slice = Your organisation's figures
stats-versions-heading = Published editions
linkage-title = Record linkage
linkage-intro = Counting each victim once across the organisations that register them, without pooling names: each source encodes its records into linkage keys with the secret the sources share (rapporteur link encode) and uploads the key file; the server never sees a name. The Member State's rapporteur links the sources' keys into persons; the counts, overlaps and capture histories feed multiple systems estimation.
linkage-saved = Saved: { $records } records for { $year }. Your organisation's previous file for that year, if any, is replaced.
linkage-problems-heading = The file was not saved
linkage-own-uploads = Your organisation's key files ({ $name })
linkage-own-uploads-caption = Your organisation's current key file for each reference year
linkage-no-uploads = No key file yet.
linkage-col-year = Year
linkage-col-file = File
linkage-col-records = Records
linkage-col-bits = Key length (bits)
linkage-col-uploaded = Uploaded
linkage-col-organisation = Source organisation
linkage-col-run = Run
linkage-col-created = Requested
linkage-col-threshold = Threshold
linkage-col-status = Status
linkage-col-persons = Persons
linkage-col-first = Source
linkage-col-second = And source
linkage-col-both = Persons seen by both
linkage-upload-heading = Upload a key file
linkage-upload-text = The file rapporteur link encode writes from your records with Rapporteur's victims schema: keys, the schema's fingerprint, the check of the secret, and the attributes year, sex, age group, form of exploitation and citizenship group as codes. A new file for a year replaces your organisation's previous one. Nothing is saved while there is a problem.
linkage-upload-file = Key file (JSON)
linkage-upload = Check and upload
linkage-year = Reference year
linkage-uploads-heading = Key files of { $name }'s sources for { $year }
linkage-uploads-caption = Each source organisation's current key file (the keys themselves are never shown)
linkage-runs-heading = Linkage runs
linkage-runs-caption = Runs of this year, newest first
linkage-no-runs = No run yet.
linkage-run-name = Run { $id }
linkage-start-heading = Start a linkage run
linkage-start-text = The run links the current key files of every source of this year in the background; its page shows its progress and, at the end, the distinct persons, the overlaps and the capture histories.
linkage-start-needs-two = A run needs the key files of at least two sources.
linkage-threshold = Similarity threshold
linkage-threshold-hint = Two records are linked when the Dice similarity of their keys reaches this value (above 0, at most 1). Lower values link more records of one person and risk joining different persons; docs/linkage.md gives the errors measured at each value.
linkage-start = Start the run
linkage-status-queued = Queued
linkage-status-running = Running
linkage-status-done = Done
linkage-status-failed = Failed
linkage-phase-loading = Loading the key files
linkage-phase-comparing = Comparing the keys
linkage-phase-counting = Counting the persons
linkage-phase-waiting = Starting
linkage-run-title = Linkage run { $id }: { $name } { $year }
linkage-queued = Waiting for the server to take the run
linkage-progress = { $phase }: { $done } of { $total } steps
linkage-check-again = Check progress
linkage-failed = The run failed:
linkage-run-heading = The run
linkage-started = Started
linkage-finished = Ended
linkage-attempts = Times taken by a server
linkage-persons-heading = Distinct persons
linkage-persons-text = distinct persons in { $records } records of { $sources } sources.
linkage-sources-heading = Sources
linkage-sources-caption = Records and distinct persons by source
linkage-overlaps-heading = Overlaps
linkage-overlaps-caption = Persons seen by both sources, for every pair of sources
linkage-breakdowns-heading = Persons by attribute
linkage-breakdowns-text = After deduplication: each person counted once, with the value most of their records give (for the year, the earliest).
linkage-breakdown-caption = Distinct persons by { $attribute }
linkage-attribute-year = year of registration
linkage-attribute-sex = sex
linkage-attribute-age = age group
linkage-attribute-exploit = form of exploitation
linkage-attribute-citizen = citizenship
linkage-value-unknown = Not known
linkage-histories-heading = Capture histories
linkage-histories-text = How many persons each combination of sources saw: the input of multiple systems estimation, which estimates the victims no source saw.
linkage-histories-caption = Persons by the sources that saw them
linkage-seen = yes
linkage-not-seen = no
linkage-histories-download = Download the capture histories (CSV) to hand to estimation
linkage-method-heading = How the records were linked
linkage-merge-fraction = Share of cross pairs for two groups to merge
linkage-blocking = Pairs compared
linkage-blocking-all-pairs = All pairs
linkage-blocking-lsh = Likely pairs, chosen by locality-sensitive hashing on the keys
linkage-links = Links (pairs at or above the threshold)
linkage-comparisons = Comparisons
linkage-estimate-heading = Estimate the hidden figure
linkage-estimate-text = Multiple systems estimation uses how the sources' lists overlap to estimate how many victims none of them found. This button estimates from this run's capture histories with the default settings (the stepwise rule, 1,000 bootstrap resamples, seed 1); the estimate is kept, unpublished, until you publish it.
linkage-estimate = Estimate the hidden figure
linkage-estimate-settings = Choose the method and the bootstrap, or estimate from a file
estimation-title = Estimating the hidden figure
estimation-intro = Multiple systems estimation: from how the lists of several organisations overlap (the capture histories of a linkage run, or a table you upload), estimate how many victims no list found, with an interval, the models that compete, what the estimate assumes and when not to trust it. Every estimate is kept with its input, settings, seed and software version; the Member State's rapporteur publishes one beside the registered figures.
estimation-problems-heading = Nothing was estimated
estimation-status-draft = Not published
estimation-status-published = Published
estimation-status-superseded = Published, superseded
estimation-list-heading = Estimates of { $name } for { $year }
estimation-none = No estimate yet.
estimation-list-caption = Estimates of this year, newest first
estimation-col-estimate = Estimate
estimation-col-made = Made
estimation-col-input = Input
estimation-col-method = Method
estimation-col-total = Estimated victims (95% interval)
estimation-col-status = Status
estimation-name = Estimate { $id }
estimation-input-run = Capture histories of linkage run { $id }
estimation-input-upload = Uploaded file { $name }
estimation-form-heading = Make an estimate
estimation-form-text = The estimate is computed on the server while you wait: some seconds with the bootstrap. It is kept, unpublished, until you publish it.
estimation-input-legend = Input table
estimation-input-run-choice = The capture histories of linkage run { $id }
estimation-input-upload-choice = A capture-history file (CSV)
estimation-file = Capture-history file (CSV)
estimation-file-hint = One column per list with 0 or 1, then a column count: the number of persons with that pattern (as rapporteur link count writes it). The first line names the lists.
estimation-file-missing = choose a capture-history file, or a linkage run as the input
estimation-input-unknown = this is not a finished linkage run of this Member State and year
estimation-method-legend = How the model is chosen
estimation-method-stepwise = Stepwise (SparseMSE's rule): a pair of lists may depend on each other while the evidence for it is strong enough
estimation-method-bic = Best BIC among all hierarchical models
estimation-method-downhill = Downhill search by BIC from independent lists (fast, may stop at a local best)
estimation-method-main = Main effects only: the lists taken as independent
estimation-threshold = Stepwise threshold (p-value)
estimation-threshold-hint = Between 0 and 1; 0.02 as in SparseMSE. Used by the stepwise rule only.
estimation-bootstrap-legend = Bootstrap interval
estimation-resamples = Bootstrap resamples
estimation-resamples-hint = 0 for none (the interval is then conditional on the chosen model), or 10 to { $max }; 1,000 as in SparseMSE. The bootstrap repeats the model choice in every resample.
estimation-seed = Seed
estimation-seed-hint = The same seed, table and settings give the same interval.
estimation-submit = Estimate
estimation-independent = none (independent lists)
estimation-chart-title = Competing models: estimates and 95% intervals
estimation-chart-unit = persons
estimation-chart-model = Model
estimation-chart-terms = Interactions
estimation-chart-reported = reported
estimation-chart-found = Persons found by the lists
estimation-chart-note = Intervals conditional on each model. main: the lists taken as independent; stepwise: SparseMSE's rule; bic: the best model by BIC, and the runners-up.
estimation-input-download = download the input table (CSV)
estimation-lists = Lists
estimation-made-by = Made by
estimation-estimate-title = Estimate { $id }: { $name } { $year }
estimation-published-by = Published by { $who } on
estimation-superseded-text = A newer estimate of this Member State and year has been published since: the pages show that one, and this one stays readable in the API.
estimation-figure-heading = The estimate
estimation-figure-text = victims in all, found or not (95% interval { $low } to { $high }, { $kind }).
estimation-share = The lists found { $found } persons; the model estimates { $unfound } that none found: the lists found about { $share } of the victims.
estimation-warnings-heading = Warnings
estimation-no-warnings = None: the data gave no reason for a warning. The assumptions below still apply.
estimation-assumptions-heading = What the estimate assumes
estimation-model = Model
estimation-profile = Profile-likelihood interval of the chosen model: { $low } to { $high }.
estimation-no-upper-end = no upper end
estimation-percentile = Bootstrap percentile interval: { $low } to { $high }.
estimation-models-heading = The competing models
estimation-inputs-heading = Input and settings
estimation-publish-heading = Publish
estimation-publish-text = Publishing signs the estimate off: it is shown beside the registered figures on the Member State's public pages and in the API, with its method, interval, caveats, input, settings and software version, and can no longer be changed. A later publication for the same year replaces it on the pages.
estimation-publish = Publish this estimate
estimation-public-page = The public statistics page of { $name }
estimates-method-stepwise = stepwise (threshold { $threshold })
estimates-method-bic = best BIC
estimates-method-downhill = downhill by BIC
estimates-method-main = main effects only
estimates-interval-bca = bootstrap (BCa)
estimates-interval-conditional = conditional on the model
estimates-public-heading = Estimated number of victims, found or not
estimates-public-intro = Registered figures count the victims the authorities and organisations found. Multiple systems estimation uses how the lists of several organisations overlap to estimate how many victims none of them found. These are estimates, not counts: they rest on assumptions that may not hold, stated with each, and their intervals show how uncertain they are.
estimates-public-caption = Registered victims and estimated victims of { $name }, by year
estimates-col-year = Year
estimates-col-registered = Registered victims
estimates-col-found = Found by the linked lists
estimates-col-estimate = Estimated victims
estimates-col-interval = 95% interval
estimates-col-published = Published
estimates-public-year = The estimate for { $year }
estimates-method = Method
estimates-model = Model
estimates-published-on = Published
estimates-version = Software
estimates-caveats = Caveats
estimates-reproduce = Input, settings, seed and software version, to reproduce it (JSON)
estimates-model-independent = the lists are taken as independent of one another
estimates-model-terms = the lists depend on one another through { $terms }

# Choosing a Member State and reference year in the workspace (linkage, estimation).
scope-member-state = Member State
scope-year = Reference year
scope-show = Show


## Issue 12, the page shell, the look, the site's own pages (legal notice, privacy, accessibility, contact) [shell]
# (messages of this part go right below this line)
language-name = English
language-switcher-label = Language
menu-toggle = Menu
header-my-account = My account
header-workspace = Workspace
header-sign-out = Sign out
footer-contact-heading = Contact
footer-contact-text = Questions about this portal, its content or your data go to its operator.
footer-about-heading = About this site
footer-legal-heading = Legal
footer-legal-notice = Legal notice
footer-privacy = Privacy statement
footer-accessibility = Accessibility
footer-cookies = Cookies
footer-contact = Contact

legal-title = Legal notice
legal-lead = Who runs this portal, what its content is worth, and how it may be reused.
legal-who = Who runs this portal
legal-who-text = This portal presents the EU's work against trafficking in human beings: the EU Anti-Trafficking Coordinator, the network of National Rapporteurs or Equivalent Mechanisms, the EU agencies, the EU Civil Society Platform, funded projects and calls. It is run by the operator of this installation; the contact page says how to reach them.
legal-disclaimer = Disclaimer
legal-disclaimer-text = The information on this portal is of a general nature. It is taken from the European Commission's anti-trafficking pages and from what the network's members publish here; it is not necessarily complete or up to date, and it is not legal or professional advice. Where the source does not say something, the portal shows it as unknown rather than guessing.
legal-disclaimer-law = Only the texts of EU legislation published in the Official Journal of the European Union are authentic; this portal links to them on EUR-Lex.
legal-synthetic = Content marked “Synthetic”
legal-synthetic-text = Anything marked “Synthetic” was generated to test the portal under load. It describes nothing real and is left out of the sitemap.
legal-links = Links to other sites
legal-links-text = Links to other sites (EUR-Lex, CORDIS, the EU agencies, the projects' own sites) are given for information. The operator of this portal has no control over those sites and is not responsible for their content or their privacy practices.
legal-reuse = Reuse and copyright
legal-reuse-text = Texts taken from the European Commission's pages remain subject to the Commission's reuse policy, set out in
legal-reuse-decision = Commission Decision 2011/833/EU on the reuse of Commission documents
legal-software-text = The software that runs this portal, Rapporteur, is free software under the European Union Public Licence (EUPL) 1.2.

privacy-title = Privacy statement
privacy-lead = What this portal stores about the people who use it, why, for how long, and whom to ask.
privacy-visitors = Reading the portal
privacy-visitors-text = Reading the public pages stores nothing about you in the portal's database: there is no account to open, no analytics, no tracking and no cookie unless you sign in (see Cookies).
privacy-applicants = Organisations applying to a Civil Society Platform call
privacy-applicants-text = The application form of a call of the EU Civil Society Platform asks for the organisation's name, the Member State of its legal seat, a contact e-mail address and a motivation. They are used to review the application and to reach the organisation about it.
privacy-applicants-caption = What is kept about an application
privacy-account-holders = Account holders (the network's workspace)
privacy-account-holders-text = Accounts are for the EU Anti-Trafficking Coordinator's office, the National Rapporteurs or Equivalent Mechanisms and the organisations of the Civil Society Platform. They are created by an administrator, never by signing up.
privacy-account-holders-caption = What is kept about an account
privacy-col-what = What is kept
privacy-col-why = Why
privacy-col-how-long = How long
privacy-app-fields = The organisation's name, the Member State of its legal seat, the contact e-mail address, the motivation, the call applied to and the time of sending
privacy-app-fields-why = To review the application and answer it
privacy-kept-until-removed = The portal deletes nothing of an application: it is kept until the operator removes it from the database.
privacy-app-decision = The decision (accepted or not), when it was taken and by which account
privacy-app-decision-why = To answer the applicant and to account for the decision
privacy-app-account = Once accepted: an account for the organisation under the contact e-mail address, with no password until an administrator sets one
privacy-app-account-why = So that the organisation can take part in the Platform's workspace
privacy-account-kept = The portal deletes no account. An administrator can disable one, which ends its sessions and revokes its tokens at once.
privacy-app-audit = An entry in the audit log: the application as it was sent, under the contact e-mail address
privacy-audit-why = To show who changed what and when
privacy-audit-kept = The audit log is append-only: nothing in the portal changes or deletes its entries.
privacy-app-address = The number of applications sent from your network (IP) address within an hour
privacy-app-address-why = To stop floods of applications
privacy-address-kept = Deleted one day after its counting window opened.
privacy-acc-account = The e-mail address, the role (with its Member State or organisation where the role has one), whether the account is disabled, and when it was created
privacy-acc-account-why = To know who may do what in the workspace
privacy-acc-password = A hash of the password (argon2id); the password itself is never stored
privacy-acc-password-why = To check the password at sign-in
privacy-acc-password-kept = As long as the account; replaced when the password is changed.
privacy-acc-sessions = Sessions: a hash of the session's secret, its form token, and when it started and ends
privacy-acc-sessions-why = To keep you signed in
privacy-acc-sessions-kept = A session ends after 12 hours. Signing out deletes it (signing out everywhere deletes all of the account's); ended sessions are deleted the next time anyone signs in.
privacy-acc-tokens = API tokens: a hash of each token, when it was made, and when it was revoked
privacy-acc-tokens-why = To let programs act for the account
privacy-acc-tokens-kept = Revoked tokens stop working at once; their record is kept with the account.
privacy-acc-audit = Entries in the audit log: every change an account makes, with its e-mail address, the time, and the object before and after
privacy-acc-attempts = Sign-in attempts, counted per network (IP) address, per account, and per account and address, in windows of 15 minutes
privacy-acc-attempts-why = To stop people guessing passwords
privacy-not-shared = Who sees it
privacy-not-shared-text = The portal shows none of this on its public pages and sends it to nobody. In the workspace, applications are seen by the EU Anti-Trafficking Coordinator's office and by the applying organisation's own account; accounts and the audit log by administrators.
privacy-servers = The servers' own records
privacy-servers-text = This statement describes what the portal's software keeps. The servers it runs on (a reverse proxy, for example) may keep records of their own, such as logs of requests; the operator can tell you what they keep.
privacy-rights = Your rights and whom to ask
privacy-rights-text = You may ask to see, correct or delete what is kept about you. Which law applies depends on who operates the portal: Regulation (EU) 2018/1725 when it is an institution or body of the EU, Regulation (EU) 2016/679 (the General Data Protection Regulation) otherwise.
privacy-eudpr = Regulation (EU) 2018/1725 on EUR-Lex
privacy-gdpr = Regulation (EU) 2016/679 on EUR-Lex
privacy-ask = To ask about your data, write to the operator of this portal:

a11y-title = Accessibility statement
a11y-lead = This portal is meant to be usable by everyone, with any browser, with or without a mouse, and on any screen.
a11y-status = Compliance status
a11y-status-text = The portal aims to conform to the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA. Its pages are plain HTML and CSS: they need no JavaScript, and the charts are drawn on the server with their figures beside them as tables or lists.
a11y-wcag = WCAG 2.1 (W3C)
a11y-testing = How it is tested
a11y-testing-text = Automated tests check every change before it is released:
a11y-test-axe = axe-core, in Chromium, finds no violation of WCAG 2.0 and 2.1 at levels A and AA on every page of the sitemap and on the workspace's pages.
a11y-test-keyboard = Keyboard use: the first Tab reaches a visible skip link to the content, focus is always visible, and the menu on a phone opens from the keyboard.
a11y-test-no-script = Every page works with JavaScript switched off; the site's security policy forbids script altogether.
a11y-test-phone = Pages are checked at 1280 and at 390 pixels wide; none is wider than a phone's screen.
a11y-test-contrast = Text and controls meet the contrast ratios of level AA.
a11y-limits = Known limitations
a11y-limit-manual = Automated tools find only part of the problems; the portal has not yet been audited by people using assistive technologies.
a11y-limit-languages = The interface ships in English only for now.
a11y-limit-documents = Documents the network's members upload (reports, meeting documents) are published as they were sent; they may not be accessible.
a11y-limit-links-out = Sites the portal links to are outside its control.
a11y-report = Report a problem
a11y-report-text = If something on this portal is hard or impossible for you to use, tell the operator, saying which page and what went wrong; you may also ask for the content in another form:

cookies-title = Cookies
cookies-lead = The portal sets only the cookies that signing in needs. It sets none to read its public pages, and none for tracking or statistics.
cookies-caption = The cookies this portal sets
cookies-col-name = Name
cookies-col-purpose = Purpose
cookies-col-lifetime = How long it lasts
cookies-session-purpose = Keeps you signed in to the workspace. It holds a random secret; the portal stores only a hash of it.
cookies-session-lifetime = { $hours } hours, or until you sign out
cookies-csrf-purpose = Set by the sign-in page only: proves that the sign-in form was sent from this site (protection against cross-site request forgery).
cookies-csrf-lifetime = One hour, or until you sign in
cookies-necessary = Strictly necessary
cookies-necessary-text = Both cookies are strictly necessary for a service you ask for (signing in), so they need no consent. They are sent only to this site, cannot be read by scripts (HttpOnly), are not sent with requests from other sites (SameSite=Lax), and travel only over HTTPS when the portal is served over HTTPS.
cookies-none-else = Nothing else
cookies-none-else-text = There are no analytics, advertising or third-party cookies, and the pages load nothing from other sites.

contact-title = Contact
contact-lead = How to reach the people behind this portal.
contact-operator = The operator of this portal
contact-operator-text = Questions about the portal, its content, your data or its accessibility go to the operator of this installation of the portal, who runs it and answers for it.
contact-operator-address = Write to the operator at
contact-operator-none = This installation gives no contact address: ask the organisation that gave you access to the portal, or that pointed you here.
contact-atc = The EU Anti-Trafficking Coordinator
contact-atc-text = The Office of the EU Anti-Trafficking Coordinator is part of the European Commission. The page this portal's content comes from gives no contact address for it, so none is shown here; the network page describes the Coordinator's role and the bodies the Coordinator works with.
contact-help = If you need help
contact-help-text = If you or someone you know may be a victim of trafficking in human beings, contact the police or the national authorities of the country you are in. This portal cannot take reports of cases.

# --- end of [shell] ---
#
#


## Issue 12, projects for researchers [projects]
# (messages of this part go right below this line)
pagination-page = Page
filter-summary = Filter and sort ({ $active } active)
projects-other-forms = These projects in other forms
projects-csv = { $count ->
    [one] Download this project (CSV)
   *[other] Download these { $count } projects (CSV)
}
projects-csv-first = Download the first { $max } of these { $count } projects (CSV; narrow the filters for the rest)
projects-json = The same projects as JSON (API)
projects-as-timeline = See these projects on a timeline
projects-as-list = See these projects as a list
timeline-title = Projects on a timeline
timeline-intro = Each bar runs from a project's start to its end. The filters are those of the project list; projects without dates are listed beneath the chart.
timeline-chart-label = Timeline of { $count } projects, from { $from } to { $to }
timeline-table-caption = The projects of the timeline, with their dates
timeline-project = Project
timeline-start = Start
timeline-end = End
timeline-undated = Projects without dates
timeline-today = Today
project-status = Status
project-status-not-started = Not started
project-status-running = Running
project-status-closed = Closed
project-status-started-end-not-given = Started (end date not given)
project-status-dates-not-given = Dates not given
project-on-cordis = Project { $grant } on CORDIS, the EU's research results portal
project-further-information = Further information
project-erc-home = The European Research Council (ERC)
param-page-past-last = page { $page } is past the last page, { $pages }
project-map-heading = Where the project is
project-map-caption = The countries of { $name }: { $count ->
    [one] one country
   *[other] { $count } countries
}
project-map-note-heading = Who is there
project-map-coordinator = Coordinator
project-map-host = Host institution
project-map-partners = { $count ->
    [one] 1 partner
   *[other] { $count } partners
}
project-map-legend-lead = The coordinator's or host's country
project-map-legend-partners = Partners' countries

# --- end of [projects] ---
#
#


## Issue 12, Member States, maps, the network, legislation, search [places]
# (messages of this part go right below this line)
member-states-grid = The 27 Member States
member-states-filled-count = { $filled } of the { $total } Member States' pages have been filled in by their National Rapporteur or Equivalent Mechanism.
member-states-map-caption = Member States whose page has been filled in
member-states-map-filled = Page filled in
member-states-map-empty = Not yet filled in
member-states-map-list = The list below names each Member State, its National Rapporteur or Equivalent Mechanism where known, and whether its page has been filled in.
ms-nrem-short = National Rapporteur or Equivalent Mechanism
ms-nrem-not-given = not given yet
ms-filled = Page filled in
ms-not-filled = Not yet filled in
ms-nrem-name = Name
ms-nrem-institution = Institution
ms-nrem-website = Web site
ms-nrem-email = E-mail
ms-nrem-postal-address = Postal address
ms-national-reports = National reports
ms-national-reports-none = No national report is listed yet.
ms-empty = Nothing has been written here yet about the National Rapporteur or Equivalent Mechanism of { $name }. { $name }'s rapporteur fills in this page, signed in to Rapporteur's workspace: the name, institution and contact of the mechanism, and its national reports.
ms-empty-figures = Figures on trafficking in human beings in { $name } are published by its rapporteur with the statistics part of Rapporteur, and appear under "Figures" below.
ms-empty-statistics-link = About the statistics
ms-codes = Codes
ms-edit-intro = Everything on this form is optional and appears on the Member State's public page once saved. Use "Preview" to see the page before saving.
ms-edit-website-hint = A full address starting with https://, for example https://www.example.org/
ms-edit-address-hint = One line of the address per line.
ms-edit-reports-hint = Give each report its title and year, and a link if it is online. Leave a row empty to leave it out; after saving, two more empty rows appear.
ms-edit-report-legend = National report { $n }
ms-edit-year-hint = Four digits, for example 2018.
ms-report-title = Title
ms-report-year = Year
ms-report-url = Link (optional)
network-contents = On this page
network-nrems-link = The 27 Member States' pages, with their National Rapporteurs or Equivalent Mechanisms
network-joint-statement-link = Read about the Joint Statement
network-platform-calls = Calls, including those to join the Platform
network-research = Research projects
network-coordination = The EU Anti-Trafficking Coordinator also works with the agencies through the { $name }, including via regular meetings.
network-research-text = EU-funded research projects study trafficking in human beings and support the work of the network.
network-research-link = Browse the funded projects
agency-now-known = now { $acronym }
instrument-eur-lex = Read it on EUR-Lex (CELEX { $celex })
instrument-celex = CELEX number
instrument-celex-hint = EUR-Lex's number for the act, for example 32011L0036 for Directive 2011/36/EU. The public page links to the act on EUR-Lex. Leave empty if unsure.
instrument-signatories = Signed by { $count } EU agencies
instrument-news = News about it
policy-timeline-heading = How the EU's policy developed
policy-timeline-title = Timeline of the EU's policy against trafficking in human beings, { $from } to { $to }
policy-timeline-year-steps = { $year }: { $count ->
    [one] one step
   *[other] { $count } steps
}
policy-timeline-caption = Each dot is a year with at least one step; the number above it is how many. The steps are listed below.
home-timeline-link = How the EU's policy developed, year by year
search-kind-page = Page
search-kind-agency = EU agency
search-kind-member_state = Member State

# --- end of [places] ---
#
#


## Issue 12, calls and applying [calls]
# (messages of this part go right below this line)
call-map-heading = Where applicants may be based
call-map-caption = Member States where an applicant's legal seat may be: { $names }
call-map-eligible = Eligible Member State
call-map-not-eligible = Not eligible, or not a Member State
platform-balance-map-caption = Member organisations of the Platform per Member State of their legal seat
platform-balance-none = No member
platform-balance-one = 1 member
platform-balance-many = 2 or more members
platform-balance-outside = Not an EU Member State
call-key-facts = Key facts
call-closed-on-day = This call closed at the end of { $date } (Brussels time): applications are no longer taken.
call-closed-at-time = This call closed on { $date } at { $time } (Brussels time): applications are no longer taken.
apply-closed-title = Applications closed
apply-back-to-call = Back to the call
apply-privacy-heading = Your data
apply-privacy-what = What is kept: the organisation's name, the Member State of its legal seat, the contact e-mail address and the motivation you send, with the time they were sent; also a record of the application in the portal's audit log. Your network address is counted for an hour against floods of applications and erased within a day.
apply-privacy-why = Why: the editors of the EU Anti-Trafficking Coordinator's office review the application; if it is accepted, the contact e-mail address becomes the organisation's account on this portal.
apply-privacy-how-long = How long: no time limit is set; the portal deletes neither the application nor its record by itself. The privacy statement says whom to ask about them.
apply-privacy-link = Privacy statement: what the portal keeps about applicants and account holders, and who to ask
calls-calendar = All deadlines in one calendar file (.ics)
calls-calendar-name = Funding calls: deadlines

# --- end of [calls] ---
#
#


## Issue 12, the workspace [workspace]
# (messages of this part go right below this line)
workspace-title = Workspace
workspace-menu-label = Workspace
workspace-signed-in-as = Signed in as { $email }
workspace-home-heading = What you can do here
workspace-menu-projects = Projects
workspace-menu-projects-about = Add projects, correct them, publish them or withdraw them from the public.
workspace-menu-calls = Calls
workspace-menu-calls-about = Enter funding calls with their deadlines and eligible countries.
workspace-menu-news = News
workspace-menu-news-about = Write and publish news items.
workspace-menu-instruments = Legislation and policy
workspace-menu-instruments-about = Keep the legislation and policy documents the portal cites up to date.
workspace-menu-platform = Civil Society Platform applications
workspace-menu-platform-about = Read the organisations' applications to the Civil Society Platform and accept or reject them.
workspace-menu-own-member-state = Your Member State's page
workspace-menu-own-member-state-about = Describe your national rapporteur or equivalent mechanism, its contact and national reports.
workspace-menu-member-states = Member State pages
workspace-menu-member-states-about = Open a Member State's page to read it or edit what the network says about it.
workspace-menu-meetings = Meetings
workspace-menu-meetings-about = Plan the network's meetings, write their minutes and add their documents.
workspace-menu-attendance-about = Record your Member State's attendance at the network's meetings and add your documents.
workspace-menu-commitments = Commitments
workspace-menu-commitments-about = Enter the commitments of the network's texts, follow their progress and see which are overdue.
workspace-menu-progress-about = Record progress on the commitments your agency owns.
workspace-menu-statistics = Statistics submissions
workspace-menu-statistics-about = Enter, submit or review the yearly statistics on trafficking in human beings.
workspace-menu-uploads-about = Upload your organisation's linkage keys for your Member State's estimate.
workspace-menu-linkage = Record linkage
workspace-menu-linkage-about = Link the sources' records without names and read the results of the runs.
workspace-menu-estimation = Estimation
workspace-menu-estimation-about = Estimate the number of victims not registered (multiple systems estimation) and publish an estimate.
workspace-menu-applications = Your applications
workspace-menu-applications-about = Follow your organisation's applications to the Civil Society Platform.
workspace-menu-accounts = Accounts
workspace-menu-accounts-about = Create accounts, disable them and set new passwords.
workspace-menu-audit = Audit log
workspace-menu-audit-about = Read who changed what, and when.
workspace-menu-account = Your account
workspace-menu-account-about = Your role, your API tokens, and signing out.
account-applications-none = Your organisation has not applied yet.
confirm-cancel = Cancel
confirm-unpublish-question = Withdraw “{ $title }” from the public?
confirm-unpublish-consequence = The public pages, the search and the API stop showing it at once. It stays here as a draft, with its revisions, and you can publish it again.
confirm-unpublish-yes = Yes, withdraw
confirm-disable-question = Disable the account { $email }?
confirm-disable-consequence = Its sessions end at once and its API tokens stop working; nobody can sign in with it until an administrator enables it again.
confirm-disable-yes = Yes, disable
confirm-revoke-question = Revoke all your API tokens?
confirm-revoke-consequence = Every program that acts as you with one of your tokens stops working at once. You can create a new token afterwards.
confirm-revoke-yes = Yes, revoke all my tokens
confirm-sign-out-everywhere-question = Sign out on every device?
confirm-sign-out-everywhere-consequence = Every session of your account ends, on this device and on every other, and every API token of yours is revoked.
confirm-sign-out-everywhere-yes = Yes, sign out everywhere
confirm-reject-question = Reject application no. { $id }?
confirm-reject-consequence = The organisation's application is marked rejected, and it reads so in its account. A decision cannot be changed here afterwards.
confirm-reject-yes = Yes, reject
commitment-overdue = Overdue
commitment-overdue-since = its due date has passed
commitments-overdue-count = { $count ->
    [0] No commitment is overdue
    [one] 1 commitment is overdue
   *[other] { $count } commitments are overdue
  } on { $today } (Brussels): due before that day and neither done nor dropped.
commitments-col-owner = Owner
commitments-col-priority = Priority
meetings-presidency-from-rota = The Council's rota for the meeting's date
meetings-presidency-hint = By default, the Member State that holds the Presidency of the Council in the meeting's half-year (Council Decisions 2009/908/EU and (EU) 2016/1316); for today's half-year, { $semester }, that is { $presidency }. Choose a Member State to set another.
meetings-presidency-hint-none = By default, the Member State that holds the Presidency of the Council in the meeting's half-year (Council Decisions 2009/908/EU and (EU) 2016/1316, which set the order from 2009 to 2030). Choose a Member State to set another.
meetings-presidency-outside-rota = The Council's rota kept here covers 2009 to 2030: choose the Member State that holds the Presidency on the meeting's date.

# --- end of [workspace] ---
#
#

# Maps of Europe (ui/map.rs).
map-legend = Legend
map-country = Country
