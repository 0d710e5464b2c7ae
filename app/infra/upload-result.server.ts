// An upload ends with a redirect in every case (Post/Redirect/Get), and refusals travel to
// the next page in a short-lived cookie. That way the plain form post and the script that
// shows upload progress (components/upload-form.tsx) end on the same page with the same
// messages. The script's request (header X-Upload-Form) follows the redirect itself; its
// GET leaves the messages for the page the browser then loads.
import { createCookie, redirect } from "@remix-run/node";

const resultCookie = createCookie("upload-result", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 120 });

export async function uploadResult(request: Request, location: string, errors?: Record<string, string>) {
  const headers = new Headers();
  if (errors && Object.keys(errors).length) {
    const path = new URL(location, request.url).pathname;
    headers.append("Set-Cookie", await resultCookie.serialize({ path, errors }));
  }
  return redirect(location, { status: 303, headers });
}

/** The refusals of the last upload to this page, once; the returned headers clear them. */
export async function readUploadResult(request: Request): Promise<{ errors: Record<string, string>; headers: Headers }> {
  const headers = new Headers();
  if (request.headers.get("X-Upload-Form") === "1") return { errors: {}, headers };
  const value = await resultCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return { errors: {}, headers };
  headers.append("Set-Cookie", await resultCookie.serialize("", { maxAge: 0 }));
  const { path, errors } = value as { path?: unknown; errors?: unknown };
  if (path !== new URL(request.url).pathname || !errors || typeof errors !== "object") return { errors: {}, headers };
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) if (typeof v === "string") clean[k] = v;
  return { errors: clean, headers };
}
