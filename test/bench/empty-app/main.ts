// The smallest Preact + preact-iso app: the baseline the portal's first load is compared with.
import { h, render } from "preact";
import { LocationProvider, Route, Router } from "preact-iso";

const Home = () => h("p", null, "Hello");

const app = document.getElementById("app");
if (app) render(h(LocationProvider, null, h(Router, null, h(Route, { path: "/", component: Home }))), app);
