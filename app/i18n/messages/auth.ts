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
    "signIn.locked.title": "Anmeldung vorübergehend gesperrt",
    "signIn.locked.body":
      "Nach zu vielen falschen Passwörtern ist die Anmeldung mit dieser E-Mail-Adresse bis {time} Uhr gesperrt. Danach können Sie sich wieder anmelden.",
    "signIn.locked.bodyOtherDay":
      "Nach zu vielen falschen Passwörtern ist die Anmeldung mit dieser E-Mail-Adresse bis {date}, {time} Uhr gesperrt. Danach können Sie sich wieder anmelden.",
    "signIn.locked.reset": "Wenn Sie Ihr Passwort nicht mehr wissen, können Sie es jetzt zurücksetzen:",
    "signIn.locked.resetLink": "Passwort zurücksetzen",
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
    "signIn.locked.title": "Sign-in temporarily locked",
    "signIn.locked.body":
      "After too many wrong passwords, signing in with this email address is locked until {time} (German time). After that you can sign in again.",
    "signIn.locked.bodyOtherDay":
      "After too many wrong passwords, signing in with this email address is locked until {date}, {time} (German time). After that you can sign in again.",
    "signIn.locked.reset": "If you no longer know your password, you can reset it now:",
    "signIn.locked.resetLink": "Reset password",
    "signOut.title": "Sign out",
    "signOut.intro": "Do you want to sign out?",
    "signOut.submit": "Sign out",
    "signOut.done": "You are signed out.",
    "form.errorSummary": "Please correct the following:",
  },
);
