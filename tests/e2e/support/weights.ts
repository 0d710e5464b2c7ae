// The criteria editor's weights in Dresden's call, where they add up to 100 % per role
// (decision 0016): the refusal names a role, the sums under the criteria list every role.

/** The refusal when a role's criteria add up to `total` %. */
export const roleWeightsRefusal = (role: string, total: number) =>
  `Die Gewichte der Kriterien der Rolle „${role}“ müssen zusammen 100 % ergeben, sie ergeben ${total} %`;

/** The sums under the criteria when every role's weights add up to `sum` %, named by code as the form names them. */
export const weightSumsOfRoles = (sum: number) =>
  ["regionalkoordination", "fluechtlingssozialarbeit", "fluechtlingsbegleitung", "integrationsberatung"].map((code) => `${code}: ${sum} %`).join(" · ");
