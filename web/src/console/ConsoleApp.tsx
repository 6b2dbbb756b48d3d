import { lazy, Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { TenantShell } from "../shared/TenantShell";
import { ConsoleHeaderEnd, ConsoleNav } from "./ConsoleNav";
import "./console.css";

// Every page is its own chunk: the console loads only what the page on screen needs.
const BoardPage = lazy(() => import("./board/BoardPage").then((m) => m.BoardPage));
const InboxPage = lazy(() => import("./inbox/InboxPage").then((m) => m.InboxPage));
const CustomersPage = lazy(() => import("./customers/CustomersPage").then((m) => m.CustomersPage));
const ImportPage = lazy(() => import("./customers/import/ImportPage").then((m) => m.ImportPage));
const AccountPage = lazy(() => import("./customers/AccountPage").then((m) => m.AccountPage));
const ContactPage = lazy(() => import("./customers/ContactPage").then((m) => m.ContactPage));
const TechniciansPage = lazy(() => import("./technicians/TechniciansPage").then((m) => m.TechniciansPage));
const SurveysPage = lazy(() => import("./surveys/SurveysPage").then((m) => m.SurveysPage));
const AuditPage = lazy(() => import("./audit/AuditPage").then((m) => m.AuditPage));
const MyEmailsPage = lazy(() => import("./settings/MyEmailsPage").then((m) => m.MyEmailsPage));
const SettingsPage = lazy(() => import("./settings/SettingsPage").then((m) => m.SettingsPage));
const ApiSettingsPage = lazy(() => import("./settings/ApiSettingsPage").then((m) => m.ApiSettingsPage));
const NewJobPage = lazy(() => import("./jobs/NewJobPage").then((m) => m.NewJobPage));
const JobPage = lazy(() => import("./jobs/JobPage").then((m) => m.JobPage));
const EstimatesPage = lazy(() => import("./estimates/EstimatesPage").then((m) => m.EstimatesPage));
const EstimatePage = lazy(() => import("./estimates/EstimatePage").then((m) => m.EstimatePage));
const NewEstimatePage = lazy(() => import("./estimates/EstimateFormPage").then((m) => m.NewEstimatePage));
const EditEstimatePage = lazy(() => import("./estimates/EstimateFormPage").then((m) => m.EditEstimatePage));
const InvoicesPage = lazy(() => import("./invoices/InvoicesPage").then((m) => m.InvoicesPage));
const InvoicePage = lazy(() => import("./invoices/InvoicePage").then((m) => m.InvoicePage));
const NewInvoicePage = lazy(() => import("./invoices/InvoiceFormPage").then((m) => m.NewInvoicePage));
const QuoteRequestsPage = lazy(() =>
	import("./estimates/QuoteRequestsPage").then((m) => m.QuoteRequestsPage),
);

type Props = { slug: string };

export function ConsoleApp({ slug }: Props) {
	return (
		<TenantShell
			slug={slug}
			area="Dispatch console"
			frameClass="console-frame"
			headerEnd={() => <ConsoleHeaderEnd slug={slug} />}
			nav={() => <ConsoleNav slug={slug} />}
		>
			{(branding) => {
				const page = { slug, branding };
				return (
					<AreaRouter
						area="d"
						slug={slug}
						tenantName={branding.name}
						supportPhone={branding.supportPhone}
						bare
					>
						<Route path="/" component={BoardPage} {...page} />
						<Route path="/jobs/new" component={NewJobPage} {...page} />
						<Route path="/jobs/:id" component={JobPage} {...page} />
						<Route path="/inbox" component={InboxPage} {...page} />
						<Route path="/emails" component={MyEmailsPage} {...page} />
						<Route path="/estimates" component={EstimatesPage} {...page} />
						<Route path="/estimates/new" component={NewEstimatePage} {...page} />
						<Route path="/estimates/requests" component={QuoteRequestsPage} {...page} />
						<Route path="/estimates/:id/edit" component={EditEstimatePage} {...page} />
						<Route path="/estimates/:id" component={EstimatePage} {...page} />
						<Route path="/invoices" component={InvoicesPage} {...page} />
						<Route path="/invoices/new" component={NewInvoicePage} {...page} />
						<Route path="/invoices/:id" component={InvoicePage} {...page} />
						<Route path="/customers" component={CustomersPage} {...page} />
						<Route path="/customers/import" component={ImportPage} {...page} />
						<Route path="/customers/accounts/:id" component={AccountPage} {...page} />
						<Route path="/customers/contacts/:id" component={ContactPage} {...page} />
						<Route path="/technicians" component={TechniciansPage} {...page} />
						<Route path="/surveys" component={SurveysPage} {...page} />
						<Route path="/audit" component={AuditPage} {...page} />
						<Route path="/settings" component={SettingsPage} {...page} />
						<Route path="/settings/api" component={ApiSettingsPage} {...page} />
					</AreaRouter>
				);
			}}
		</TenantShell>
	);
}
