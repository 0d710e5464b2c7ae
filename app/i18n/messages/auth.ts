import { defineMessages } from "../define";

export const authMessages = defineMessages(
  {
    "signIn.title": "Anmelden",
    "signIn.intro": "Melden Sie sich mit der E-Mail-Adresse und dem Passwort Ihres Kontos an.",
    "signIn.email": "E-Mail-Adresse",
    "signIn.password": "Passwort",
    "signIn.submit": "Anmelden",
    "signIn.failed": "E-Mail-Adresse oder Passwort ist falsch.",
    "signIn.emailInvalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@example.org.",
    "signIn.passwordMissing": "Bitte geben Sie Ihr Passwort ein.",
    "signOut.title": "Abmelden",
    "signOut.intro": "Möchten Sie sich abmelden?",
    "signOut.submit": "Abmelden",
    "signOut.done": "Sie sind abgemeldet.",
    "form.errorSummary": "Bitte korrigieren Sie folgende Angaben:",
  },
  {
    "signIn.title": "Sign in",
    "signIn.intro": "Sign in with the email address and password of your account.",
    "signIn.email": "Email address",
    "signIn.password": "Password",
    "signIn.submit": "Sign in",
    "signIn.failed": "Email address or password is wrong.",
    "signIn.emailInvalid": "Please enter a valid email address, for example name@example.org.",
    "signIn.passwordMissing": "Please enter your password.",
    "signOut.title": "Sign out",
    "signOut.intro": "Do you want to sign out?",
    "signOut.submit": "Sign out",
    "signOut.done": "You are signed out.",
    "form.errorSummary": "Please correct the following:",
  },
);
