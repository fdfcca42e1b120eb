import { buildSchema } from "graphql";

/**
 * The part of W&B's GraphQL schema that Homebase serves (WANDB-SDK.md): the SDK's login
 * (`Viewer`, `ServerFeaturesQuery`), the public API's `GetViewer`, and a run's life
 * (`UpsertBucket`, `NotifyScriptableRunAlert`, `CreateRunFiles`,
 * `OrganizationCoreWeaveOrganizationID`). Scalar, enum, input and field names are W&B's own,
 * because the SDK's documents declare variables by those names and validation checks them.
 */
export const schema = buildSchema(/* GraphQL */ `
  "A JSON document encoded as a string"
  scalar JSONString

  "A JSON value, sent as JSON"
  scalar JSON

  "A duration in milliseconds"
  scalar Duration

  "An instant, ISO-8601"
  scalar DateTime

  enum AlertSeverity {
    INFO
    WARN
    ERROR
  }

  type Query {
    "The caller, or null without valid credentials"
    viewer: User
    "What the wandb SDK checks its own version against; Homebase sets no limits"
    serverInfo: ServerInfo!
    "An entity the caller belongs to (null otherwise)"
    entity(name: String!): Entity
  }

  type Mutation {
    "Creates the run, or updates it when the project already has a run with this name (run ID)"
    upsertBucket(input: UpsertBucketInput!): UpsertBucketPayload
    "run.alert(): an alert through the owner's enabled channels, throttled per run and title"
    notifyScriptableRunAlert(input: NotifyScriptableRunAlertInput!): NotifyScriptableRunAlertPayload
    "Signed upload URLs for a run's files"
    createRunFiles(input: CreateRunFilesInput!): CreateRunFilesPayload
  }

  input UpsertBucketInput {
    "The run's server id (sent on later calls)"
    id: String
    "The run ID"
    name: String
    groupName: String
    "The project"
    modelName: String
    "The entity; null means the caller's default entity"
    entityName: String
    description: String
    displayName: String
    notes: String
    commit: String
    config: JSONString
    host: String
    debug: Boolean
    jobProgram: String
    jobRepo: String
    jobType: String
    state: String
    sweep: String
    tags: [String!]
    summaryMetrics: JSONString
  }

  type UpsertBucketPayload {
    bucket: Run
    inserted: Boolean
  }

  "A run (W&B calls it a bucket on the wire)"
  type Run {
    "The server id"
    id: ID!
    "The run ID"
    name: String!
    displayName: String
    description: String
    config: JSONString
    summaryMetrics: JSONString
    sweepName: String
    state: String
    historyLineCount: Int
    project: Project
  }

  type Project {
    id: ID!
    name: String!
    entity: Entity!
  }

  input NotifyScriptableRunAlertInput {
    entityName: String!
    projectName: String!
    "The run ID"
    runName: String!
    title: String!
    text: String!
    severity: AlertSeverity
    "Milliseconds"
    waitDuration: Duration
  }

  type NotifyScriptableRunAlertPayload {
    success: Boolean!
  }

  input CreateRunFilesInput {
    entityName: String!
    projectName: String!
    "The run ID"
    runName: String!
    files: [String!]!
  }

  type CreateRunFilesPayload {
    runID: ID!
    "Headers to send with each PUT, as Name:value"
    uploadHeaders: [String!]!
    files: [RunFileUpload!]!
  }

  type RunFileUpload {
    name: String!
    "Null when the file is not accepted (then the SDK skips it)"
    uploadUrl: String
  }

  type ServerInfo {
    "CLI version limits (max_cli_version, min_cli_version): none here"
    cliVersionInfo: JSON!
    latestLocalVersionInfo: LocalVersionInfo
    "Optional server features the SDK may use: none here, so it keeps its fallbacks"
    features: [ServerFeature!]!
  }

  type ServerFeature {
    name: String!
    isEnabled: Boolean!
  }

  type LocalVersionInfo {
    outOfDate: Boolean!
    latestVersionString: String!
    versionOnThisInstanceString: String!
  }

  type User {
    id: ID!
    "The display name, else the username"
    name: String!
    entity: String!
    username: String!
    email: String
    admin: Boolean!
    "Enabled beta features as a JSON object"
    flags: JSONString
    "Never set for a caller: deleted accounts cannot authenticate"
    deletedAt: DateTime
    teams: EntityConnection!
    "The caller's own API keys (IDs and names; secrets are never stored), as wandb.Api().viewer reads them"
    apiKeys: ApiKeyConnection!
  }

  type ApiKeyConnection {
    edges: [ApiKeyEdge!]!
  }

  type ApiKeyEdge {
    node: ApiKey!
  }

  type ApiKey {
    "The public key ID"
    id: ID!
    name: String!
    description: String
  }

  type EntityConnection {
    edges: [EntityEdge!]!
  }

  type EntityEdge {
    node: Entity!
  }

  type Entity {
    id: ID
    name: String!
    "Homebase has no CoreWeave organisations: always null"
    organization: Organization
  }

  type Organization {
    coreWeaveOrganizationId: String
  }
`);
