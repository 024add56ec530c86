import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Requests a second, and the burst above it, for a group of routes. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** A route of the HTTP API: who may call it and how often. */
export interface ApiRoute {
  readonly method: apigwv2.HttpMethod;
  readonly path: string;
  /** Public routes are open to residents (and to the SMS provider, which signs its requests); staff routes need a Cognito JWT. */
  readonly access: 'public' | 'staff';
  readonly throttle: RouteThrottle;
  /** Why a public route has no authorizer: the reason recorded against cdk-nag's APIG4. */
  readonly whyPublic?: string;
}

const RESIDENT_WRITES: RouteThrottle = { rateLimit: 5, burstLimit: 10 };
const RESIDENT_READS: RouteThrottle = { rateLimit: 20, burstLimit: 40 };
const SMS_WEBHOOK: RouteThrottle = { rateLimit: 10, burstLimit: 20 };
const STAFF: RouteThrottle = { rateLimit: 50, burstLimit: 100 };
const { GET, POST, ANY } = apigwv2.HttpMethod;

/** The routes lambdas/http-api serves, with their throttles. A flood on a public route cannot exhaust the staff API's share. */
const FORM = 'Residents have no accounts, and the Code (1.2) has landlords accept a complaint however it is made, so the form cannot ask for a sign-in.';
const SURVEY = 'Residents answer the satisfaction survey from a link in a letter; the survey id in the path is 128 random bits (randomSurveyId), so the link itself is the credential, as with a password-reset link.';

const CONSOLE = 'The officers\' console signs staff in itself through Cognito managed login (authorization code with PKCE, MFA required) and refuses every page without a valid session; a JWT authorizer here would turn the sign-in redirect and its callback into 401s, since a browser following a link sends no Authorization header.';

/** Where the console's sign-in returns to, and where sign-out lands, under the stage's public URL. */
export const CONSOLE_PATHS = { callback: '/console/auth/callback', signedOut: '/console' } as const;

export const API_ROUTES: readonly ApiRoute[] = [
  { method: GET, path: '/contact', access: 'public', throttle: RESIDENT_READS, whyPublic: `The complaint form page. ${FORM}` },
  { method: POST, path: '/contact', access: 'public', throttle: RESIDENT_WRITES, whyPublic: `A resident sending the form. ${FORM} Input is validated with zod before anything is stored.` },
  { method: GET, path: '/contact/{landlord}', access: 'public', throttle: RESIDENT_READS, whyPublic: `A landlord's own complaint form page. ${FORM}` },
  { method: POST, path: '/contact/{landlord}', access: 'public', throttle: RESIDENT_WRITES, whyPublic: `A resident sending a landlord's form. ${FORM} Input is validated with zod before anything is stored.` },
  { method: GET, path: '/assets/{proxy+}', access: 'public', throttle: RESIDENT_READS, whyPublic: 'The form\'s CSS and JavaScript (govuk-frontend), public by nature; only a fixed list of files is served, no request path reaches the disk.' },
  { method: POST, path: '/sms/inbound', access: 'public', throttle: SMS_WEBHOOK, whyPublic: 'The SMS provider\'s webhook: the provider cannot present AWS or Cognito credentials, so every request is authenticated by its X-Twilio-Signature, checked against the auth token from SSM before anything is stored.' },
  { method: GET, path: '/survey/{token}', access: 'public', throttle: RESIDENT_READS, whyPublic: SURVEY },
  { method: POST, path: '/survey/{token}', access: 'public', throttle: RESIDENT_WRITES, whyPublic: SURVEY },
  { method: ANY, path: '/api/{proxy+}', access: 'staff', throttle: STAFF },
  { method: GET, path: '/console', access: 'public', throttle: STAFF, whyPublic: CONSOLE },
  { method: ANY, path: '/console/{proxy+}', access: 'public', throttle: STAFF, whyPublic: CONSOLE },
];

/** The whole stage's ceiling: above every route's own limit, below the account's 10,000 requests a second. */
export const STAGE_THROTTLE: RouteThrottle = { rateLimit: 100, burstLimit: 200 };

/** Properties of the public API. */
export interface PublicApiProps {
  /** Name of the API (one per stage). */
  readonly apiName: string;
  /** The staff sign-in domain's prefix: `<prefix>.auth.<region>.amazoncognito.com`, unique across all of AWS. */
  readonly cognitoDomainPrefix: string;
  /** The base URL residents and staff see. @default the API's execute-api URL */
  readonly publicUrl?: string;
  /** @default RemovalPolicy.RETAIN (the staff user pool) */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The HTTP API for the web form, the SMS webhook, surveys, the officers' console and the staff API. Staff sign in
 * through the staff Cognito user pool's managed login (MFA required, no self sign-up, threat protection on) with the
 * authorization code flow and PKCE; staff API routes need its JWT; every route is throttled, and access is logged as
 * JSON.
 */
export class PublicApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly staff: cognito.UserPool;
  readonly staffClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly accessLogs: logs.LogGroup;
  /** The API's base URL (no trailing slash): the public URL when one is set. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.staff = new cognito.UserPool(this, 'Staff', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: (props.removalPolicy ?? RemovalPolicy.RETAIN) === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.api = new apigwv2.HttpApi(this, 'Api', { apiName: props.apiName, createDefaultStage: false, description: 'Redress: web form, SMS webhook, surveys and the staff API' });
    this.url = props.publicUrl ?? this.api.apiEndpoint;
    // Managed login (the newer pages, styled by Cognito's defaults) at the stage's own domain.
    this.domain = this.staff.addDomain('StaffDomain', {
      cognitoDomain: { domainPrefix: props.cognitoDomainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // The console is the only client: authorization code only (no implicit flow, no tokens in URLs), no secret (the
    // console proves itself with PKCE), back to the console's own callback and sign-out pages.
    this.staffClient = this.staff.addClient('StaffClient', {
      authFlows: {},
      generateSecret: false,
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${this.url}${CONSOLE_PATHS.callback}`],
        logoutUrls: [`${this.url}${CONSOLE_PATHS.signedOut}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    // No direct sign-in flows (SRP, password, custom): the only way to a token is managed login's code flow, then refresh.
    (this.staffClient.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    // Managed login shows nothing for a client without a branding style: Cognito's own defaults.
    new cognito.CfnManagedLoginBranding(this, 'StaffLoginBranding', {
      userPoolId: this.staff.userPoolId,
      clientId: this.staffClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        // No query strings or bodies: they carry residents' details.
        format: apigateway.AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId', ip: '$context.identity.sourceIp', requestTime: '$context.requestTime',
          routeKey: '$context.routeKey', status: '$context.status', responseLength: '$context.responseLength',
          latencyMs: '$context.responseLatency', integrationError: '$context.integrationErrorMessage', authorizerError: '$context.authorizer.error',
        })),
      },
    });

  }

  /** Puts `handler` (lambdas/http-api) behind every route, staff routes behind the Cognito authorizer. */
  route(handler: lambda.IFunction): void {
    {
      const integration = new HttpLambdaIntegration('Handler', handler, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
      const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', this.staff, { userPoolClients: [this.staffClient] });
      for (const route of API_ROUTES) {
        const [created] = this.api.addRoutes({
          path: route.path,
          methods: [route.method],
          integration,
          ...(route.access === 'staff' ? { authorizer } : {}),
        });
        if (route.access === 'public' && created) {
          Validations.of(created).acknowledge({
            id: 'AwsSolutions::AwsSolutions-APIG4',
            reason: `${route.method} ${route.path}: ${route.whyPublic ?? ''} Throttled to ${route.throttle.rateLimit} requests/s, burst ${route.throttle.burstLimit}.`,
          });
        }
      }
      (this.stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride(
        'RouteSettings',
        Object.fromEntries(API_ROUTES.map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle.rateLimit, ThrottlingBurstLimit: r.throttle.burstLimit }])),
      );
    }
  }

  /** The managed login host, `<prefix>.auth.<region>.amazoncognito.com`: what the console redirects staff to. */
  get signInHost(): string {
    return `${this.domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`;
  }
}
