import type { Bindings } from "./bindings";
import type { Db } from "./db";
import type { KeyHolder } from "./domain/api-keys/api-keys";
import type { LiveChannels } from "./domain/live/live-jobs";
import type { NoticeLog } from "./domain/notifications/record";
import type { Me } from "./domain/sign-in/audiences";
import type { RecentSignIn } from "./domain/sign-in/recent-sign-ins";
import type { Session } from "./domain/sign-in/sessions";
import type { SignIn } from "./domain/sign-in/signed-in";
import type { Tenant } from "./domain/tenant/tenant";
import type { SendEmail } from "./email/types";

export type { Bindings } from "./bindings";
export type { Db } from "./db";

/** A session check left to `readSignedIn`, to be sent in the round trip that reads the list. */
export type PendingSignIn = {
	slug: string;
	sessionHash: string;
	speculated: RecentSignIn;
	verified: boolean;
};

export type AppEnv = {
	Bindings: Bindings;
	Variables: {
		db: Db;
		/** The shard (`DB_<n>`) `db` is on: the request's tenant's (workers/middleware/database.ts). */
		shard: number;
		tenant: Tenant;
		sendEmail: SendEmail;
		/** What this request's batches recorded for the notification queue. */
		notices: NoticeLog;
		/** The open boards and live views: publish to them, close them. */
		live: LiveChannels;
		/** Set by `resolveTenant`: the session the cookie names and its person, or null. */
		signIn: SignIn | null;
		/** Set by the audience router's session check on signed-in routes. */
		session: Session;
		me: Me;
		/** A session check left to `readSignedIn`, or null. */
		pendingSignIn: PendingSignIn | null;
		/** Set by `requireApiKey` on `/api/v1/:slug`: the key the request authenticated with. */
		apiKey: KeyHolder["key"];
		/** This app's own fetch, in process (set on `/dev/*`): the local pay page calls the real webhook with it. */
		loopback: (request: Request) => Promise<Response>;
	};
};
