import type { MetaFunction } from "@remix-run/node";
import { TextPage } from "../components/text-page";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export const meta: MetaFunction = () => [{ title: "Datenschutzerklärung" }];

export default function Privacy() {
  return <TextPage title="privacy.title" paragraphs={["privacy.body1", "privacy.body2"]} />;
}
