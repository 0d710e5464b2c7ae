import type { MetaFunction } from "@remix-run/node";
import { TextPage } from "../components/text-page";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export const meta: MetaFunction = () => [{ title: "Impressum" }];

export default function Imprint() {
  return <TextPage title="imprint.title" paragraphs={["imprint.body"]} />;
}
