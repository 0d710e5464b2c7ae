// The criteria editor's weights in Dresden's call, where they add up to 100 % per role
// (decision 0016): the refusal names each role that misses, the sums under the criteria list every role.

/** Dresden's roles by name, in the order of the call. */
export const ROLE_NAMES = ["Regionalkoordination", "Flüchtlingssozialarbeit", "Flüchtlingsbegleitung", "Integrationsberatung"];

/** The refusal when a role's criteria add up to `total` %. */
export const roleWeightsRefusal = (role: string, total: number) =>
  `Die Gewichte der Kriterien der Rolle „${role}“ müssen zusammen 100 % ergeben, sie ergeben ${total} %`;

/** The sums under the criteria when every role's weights add up to `sum` %, each role by its name. */
export const weightSumsOfRoles = (sum: number) => ROLE_NAMES.map((name) => `${name}: ${sum} %`).join(" · ");
