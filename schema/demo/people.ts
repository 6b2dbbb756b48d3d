/** Demo tenants, accounts and people. Ids are fixed so a second load finds every row present. */

export const ACME = {
	id: "ten_acme",
	slug: "acme-courier",
	name: "Acme Courier",
	logo_url: "/demo/acme-logo.svg",
	color_primary: "#0b5394",
	color_accent: "#b45309",
	color_text: "#ffffff",
	support_phone: "+1 212 555 0100",
	support_email: "dispatch@acme-courier.example",
	timezone: "America/New_York",
	currency: "USD",
	settings: {
		allowSelfSignup: false,
		sendCeilingPerHour: 500,
		jobKinds: ["pickup_delivery"],
		logoSize: { width: 160, height: 40 },
		taxRateBps: 888,
		payments: {
			methods: ["card"],
			allowPartial: true,
			allowDeposits: true,
			depositPercent: 30,
			minPartialMinor: 1_000,
		},
		invoiceDueDays: 14,
		invoiceTermsDefault:
			"Payment due within 14 days. Pay online from the portal, by cheque or by bank transfer.",
	},
};

export const BAYSIDE = {
	id: "ten_bayside",
	slug: "bayside-plumbing",
	name: "Bayside Plumbing",
	logo_url: "/demo/bayside-logo.svg",
	color_primary: "#0f6b5c",
	color_accent: "#c0392b",
	color_text: "#ffffff",
	support_phone: "+1 415 555 0142",
	support_email: "office@bayside-plumbing.example",
	timezone: "America/Los_Angeles",
	currency: "USD",
	settings: {
		allowSelfSignup: true,
		sendCeilingPerHour: 200,
		jobKinds: ["service_call"],
		logoSize: { width: 160, height: 40 },
		taxRateBps: 863,
		payments: {
			methods: ["card"],
			allowPartial: true,
			allowDeposits: true,
			depositPercent: 25,
			minPartialMinor: 2_500,
		},
		invoiceDueDays: 14,
		invoiceTermsDefault: "Due within 14 days of the visit. Thank you for choosing Bayside Plumbing.",
		survey: { type: "nps", reviewUrl: "https://reviews.example/bayside-plumbing" },
	},
};

/** The one address that is a contact at both tenants: two unrelated people. */
export const SHARED_EMAIL = "dana.reyes@hartwellpine.example";

type Address = { line1: string; city: string; region: string; postal: string; lat: number; lng: number };

type DemoContact = {
	id: string;
	name: string;
	email: string;
	phone: string;
	role: "admin" | "booker" | "billing" | "viewer";
	/** The locations they are scoped to; absent: the account's first location. */
	locationIds?: string[];
};

type DemoLocation = { id: string; name: string; address: Address; notes?: string };

export type DemoAccount = {
	id: string;
	name: string;
	kind: "commercial" | "residential";
	phone: string;
	location: { id: string; name: string; address: Address };
	/** More branch offices of the account. */
	moreLocations?: DemoLocation[];
	/** The domain whose people may ask to join (when the tenant takes join requests). */
	emailDomain?: string;
	contacts: DemoContact[];
	/** Colleagues with no demo jobs of their own; apart, so adding one moves no job to another person. */
	newerContacts?: DemoContact[];
	pickups: Array<{ id: string; label: string; address: Address; contact: string; instructions: string }>;
};

export const ACME_ACCOUNTS: DemoAccount[] = [
	{
		id: "acc_acme_hartwell",
		name: "Hartwell & Pine LLP",
		kind: "commercial",
		phone: "+1 212 555 0181",
		location: {
			id: "loc_acme_hartwell_midtown",
			name: "Midtown office",
			address: {
				line1: "350 Fifth Avenue, Floor 21",
				city: "New York",
				region: "NY",
				postal: "10118",
				lat: 40.748817,
				lng: -73.985428,
			},
		},
		contacts: [
			{
				id: "con_acme_dana",
				name: "Dana Reyes",
				email: "Dana.Reyes@HartwellPine.example",
				phone: "+1 212 555 0182",
				role: "admin",
			},
			{
				id: "con_acme_bob",
				name: "Bob Lindqvist",
				email: "bob@hartwellpine.example",
				phone: "+1 212 555 0183",
				role: "booker",
			},
		],
		emailDomain: "hartwellpine.example",
		moreLocations: [
			{
				id: "loc_acme_hartwell_brooklyn",
				name: "Brooklyn office",
				address: {
					line1: "26 Court Street",
					city: "Brooklyn",
					region: "NY",
					postal: "11242",
					lat: 40.693514,
					lng: -73.990729,
				},
				notes: "Reception closes at 17:00; after that use the side door on Joralemon Street.",
			},
			{
				id: "loc_acme_hartwell_newark",
				name: "Newark office",
				address: {
					line1: "1 Gateway Center",
					city: "Newark",
					region: "NJ",
					postal: "07102",
					lat: 40.735657,
					lng: -74.166524,
				},
			},
		],
		newerContacts: [
			{
				id: "con_acme_moreau",
				name: "Claire Moreau",
				email: "ap@hartwellpine.example",
				phone: "+1 212 555 0184",
				role: "billing",
				locationIds: [],
			},
			{
				id: "con_acme_victor",
				name: "Victor Chen",
				email: "v.chen@hartwellpine.example",
				phone: "+1 212 555 0185",
				role: "viewer",
				locationIds: [],
			},
			{
				id: "con_acme_sam",
				name: "Sam Okafor",
				email: "s.okafor@hartwellpine.example",
				phone: "+1 718 555 0186",
				role: "booker",
				locationIds: ["loc_acme_hartwell_brooklyn", "loc_acme_hartwell_newark"],
			},
		],
		pickups: [
			{
				id: "adr_acme_hartwell_reception",
				label: "Midtown reception",
				address: {
					line1: "350 Fifth Avenue, Floor 21",
					city: "New York",
					region: "NY",
					postal: "10118",
					lat: 40.748817,
					lng: -73.985428,
				},
				contact: "Front desk",
				instructions: "Ask for the mailroom; sealed envelopes only.",
			},
			{
				id: "adr_acme_hartwell_court",
				label: "County courthouse",
				address: {
					line1: "60 Centre Street",
					city: "New York",
					region: "NY",
					postal: "10007",
					lat: 40.714138,
					lng: -74.001869,
				},
				contact: "Filing clerk",
				instructions: "Security screening: allow 10 minutes.",
			},
		],
	},
	{
		id: "acc_acme_riverside",
		name: "Riverside Family Clinic",
		kind: "commercial",
		phone: "+1 718 555 0120",
		location: {
			id: "loc_acme_riverside_main",
			name: "Main clinic",
			address: {
				line1: "1201 Riverside Drive",
				city: "New York",
				region: "NY",
				postal: "10032",
				lat: 40.839545,
				lng: -73.944263,
			},
		},
		contacts: [
			{
				id: "con_acme_priya",
				name: "Priya Natarajan",
				email: "priya.natarajan@riversideclinic.example",
				phone: "+1 718 555 0121",
				role: "admin",
			},
			{
				id: "con_acme_marcus",
				name: "Marcus Hill",
				email: "m.hill@riversideclinic.example",
				phone: "+1 718 555 0122",
				role: "booker",
			},
		],
		newerContacts: [
			{
				id: "con_acme_helen",
				name: "Helen Okoro",
				email: "h.okoro@riversideclinic.example",
				phone: "+1 718 555 0123",
				role: "admin",
			},
		],
		pickups: [
			{
				id: "adr_acme_riverside_lab",
				label: "Clinic lab",
				address: {
					line1: "1201 Riverside Drive, Lab B",
					city: "New York",
					region: "NY",
					postal: "10032",
					lat: 40.839545,
					lng: -73.944263,
				},
				contact: "Lab tech on duty",
				instructions: "Specimens in the cooler by the door; keep upright.",
			},
			{
				id: "adr_acme_riverside_pharmacy",
				label: "Pharmacy dock",
				address: {
					line1: "45 Wadsworth Avenue",
					city: "New York",
					region: "NY",
					postal: "10033",
					lat: 40.848632,
					lng: -73.935158,
				},
				contact: "Pharmacy manager",
				instructions: "Ring the dock bell.",
			},
		],
	},
	{
		id: "acc_acme_northgate",
		name: "Northgate Motors",
		kind: "commercial",
		phone: "+1 201 555 0150",
		location: {
			id: "loc_acme_northgate_showroom",
			name: "Showroom",
			address: {
				line1: "88 Route 4 West",
				city: "Hackensack",
				region: "NJ",
				postal: "07601",
				lat: 40.903591,
				lng: -74.047985,
			},
		},
		contacts: [
			{
				id: "con_acme_sofia",
				name: "Sofia Alvarez",
				email: "sofia@northgatemotors.example",
				phone: "+1 201 555 0151",
				role: "admin",
			},
			{
				id: "con_acme_ken",
				name: "Ken Okafor",
				email: "ken.okafor@northgatemotors.example",
				phone: "+1 201 555 0152",
				role: "booker",
			},
		],
		newerContacts: [
			{
				id: "con_acme_omar",
				name: "Omar Haddad",
				email: "omar.haddad@northgatemotors.example",
				phone: "+1 201 555 0153",
				role: "booker",
			},
			{
				id: "con_acme_ines",
				name: "Ines Duarte",
				email: "ines.duarte@northgatemotors.example",
				phone: "+1 201 555 0154",
				role: "booker",
			},
		],
		pickups: [
			{
				id: "adr_acme_northgate_parts",
				label: "Parts counter",
				address: {
					line1: "88 Route 4 West, Parts",
					city: "Hackensack",
					region: "NJ",
					postal: "07601",
					lat: 40.903591,
					lng: -74.047985,
				},
				contact: "Parts desk",
				instructions: "Boxes over 20 kg need the hand truck.",
			},
			{
				id: "adr_acme_northgate_service",
				label: "Service bay",
				address: {
					line1: "90 Route 4 West",
					city: "Hackensack",
					region: "NJ",
					postal: "07601",
					lat: 40.904112,
					lng: -74.046833,
				},
				contact: "Service advisor",
				instructions: "Keys go in the drop box.",
			},
		],
	},
];

export const BAYSIDE_ACCOUNTS: DemoAccount[] = [
	{
		id: "acc_bay_reyes",
		name: "Reyes residence",
		kind: "residential",
		phone: "+1 415 555 0190",
		location: {
			id: "loc_bay_reyes_home",
			name: "Home",
			address: {
				line1: "2150 Lombard Street",
				city: "San Francisco",
				region: "CA",
				postal: "94123",
				lat: 37.799877,
				lng: -122.437187,
			},
		},
		contacts: [
			// Same address as Acme's contact, typed differently: still a different person here.
			{
				id: "con_bay_dana",
				name: "Dana Reyes",
				email: "dana.reyes@hartwellpine.example",
				phone: "+1 415 555 0191",
				role: "admin",
			},
			{
				id: "con_bay_luis",
				name: "Luis Reyes",
				email: "luis.reyes@mail.example",
				phone: "+1 415 555 0192",
				role: "booker",
			},
		],
		pickups: [],
	},
	{
		id: "acc_bay_harbor",
		name: "Harbor View Properties",
		kind: "commercial",
		phone: "+1 415 555 0170",
		location: {
			id: "loc_bay_harbor_office",
			name: "Leasing office",
			address: {
				line1: "500 Beach Street",
				city: "San Francisco",
				region: "CA",
				postal: "94133",
				lat: 37.807158,
				lng: -122.418468,
			},
		},
		contacts: [
			{
				id: "con_bay_grace",
				name: "Grace Kim",
				email: "grace@harborview.example",
				phone: "+1 415 555 0171",
				role: "admin",
			},
			{
				id: "con_bay_tom",
				name: "Tom Becker",
				email: "tom@harborview.example",
				phone: "+1 415 555 0172",
				role: "booker",
			},
		],
		newerContacts: [
			{
				id: "con_bay_lucia",
				name: "Lucía Navarro",
				email: "lucia.navarro@harborview.example",
				phone: "+1 415 555 0173",
				role: "booker",
				locationIds: ["loc_bay_harbor_marina", "loc_bay_harbor_mission"],
			},
			{
				id: "con_bay_omar",
				name: "Omar Haddad",
				email: "accounts@harborview.example",
				phone: "+1 415 555 0174",
				role: "billing",
				locationIds: [],
			},
			{
				id: "con_bay_rita",
				name: "Rita Alvarez",
				email: "rita@harborview.example",
				phone: "+1 415 555 0175",
				role: "viewer",
				locationIds: [],
			},
		],
		emailDomain: "harborview.example",
		moreLocations: [
			{
				id: "loc_bay_harbor_marina",
				name: "Marina building",
				address: {
					line1: "3100 Webster Street",
					city: "San Francisco",
					region: "CA",
					postal: "94123",
					lat: 37.799325,
					lng: -122.433437,
				},
				notes: "Gate code at the leasing office; park on Chestnut Street.",
			},
			{
				id: "loc_bay_harbor_mission",
				name: "Mission building",
				address: {
					line1: "2400 Mission Street",
					city: "San Francisco",
					region: "CA",
					postal: "94110",
					lat: 37.758316,
					lng: -122.418917,
				},
			},
		],
		pickups: [
			{
				id: "adr_bay_harbor_unit",
				label: "Building A boiler room",
				address: {
					line1: "500 Beach Street, Building A",
					city: "San Francisco",
					region: "CA",
					postal: "94133",
					lat: 37.807158,
					lng: -122.418468,
				},
				contact: "Building manager",
				instructions: "Key at the leasing office.",
			},
		],
	},
];

export const TECHNICIANS = [
	{
		id: "tec_acme_jordan",
		tenant: ACME.id,
		name: "Jordan Blake",
		email: "jordan@acme-courier.example",
		phone: "+1 212 555 0110",
		photo: "/demo/tech-jordan.svg",
		bio: "Eight years on Manhattan routes; certified for medical specimens.",
		approved: true,
	},
	{
		id: "tec_acme_sam",
		tenant: ACME.id,
		name: "Sam Ortiz",
		email: "sam@acme-courier.example",
		phone: "+1 212 555 0111",
		photo: "/demo/tech-sam.svg",
		bio: "Cargo-bike courier for downtown and Brooklyn.",
		approved: false,
	},
	{
		id: "tec_acme_lena",
		tenant: ACME.id,
		name: "Lena Fischer",
		email: "lena@acme-courier.example",
		phone: "+1 212 555 0112",
		photo: null,
		bio: "Van driver for the New Jersey dealerships.",
		approved: true,
	},
	{
		id: "tec_bay_ava",
		tenant: BAYSIDE.id,
		name: "Ava Chen",
		email: "ava@bayside-plumbing.example",
		phone: "+1 415 555 0143",
		photo: "/demo/tech-ava.svg",
		bio: "Licensed journeyman plumber, water heaters and repiping.",
		approved: true,
	},
	{
		id: "tec_bay_mateo",
		tenant: BAYSIDE.id,
		name: "Mateo Ruiz",
		email: "mateo@bayside-plumbing.example",
		phone: "+1 415 555 0144",
		photo: null,
		bio: "Apprentice plumber, drains and fixtures; works in English and Spanish.",
		approved: false,
	},
];

export const STAFF = [
	{
		id: "stf_acme_morgan",
		tenant: ACME.id,
		name: "Morgan Price",
		email: "morgan@acme-courier.example",
		role: "admin",
	},
	{
		id: "stf_acme_riley",
		tenant: ACME.id,
		name: "Riley Chen",
		email: "riley@acme-courier.example",
		role: "dispatcher",
	},
	{
		id: "stf_acme_alex",
		tenant: ACME.id,
		name: "Alex Novak",
		email: "alex@acme-courier.example",
		role: "dispatcher",
	},
	{
		id: "stf_bay_lee",
		tenant: BAYSIDE.id,
		name: "Lee Park",
		email: "lee@bayside-plumbing.example",
		role: "admin",
	},
	{
		id: "stf_bay_nadia",
		tenant: BAYSIDE.id,
		name: "Nadia Flores",
		email: "nadia@bayside-plumbing.example",
		role: "admin",
	},
	{
		id: "stf_bay_quinn",
		tenant: BAYSIDE.id,
		name: "Quinn Walsh",
		email: "quinn@bayside-plumbing.example",
		role: "dispatcher",
	},
];
