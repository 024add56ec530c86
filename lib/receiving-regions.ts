// Where SES can receive mail. The MX record points at inbound-smtp.<region>.amazonaws.com, the raw mail lands in
// that region's S3 and is processed there: the region chosen is where residents' words are kept.

/**
 * Regions with an SES email-receiving endpoint, from the AWS General Reference ("Amazon Simple Email Service
 * endpoints and quotas", Email receiving endpoints), as of November 2026. Check the table before adding one.
 */
export const SES_RECEIVING_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-2',
  'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ca-central-1',
  'eu-central-1', 'eu-west-1', 'eu-west-2',
]);

/** The region a UK landlord should use: London, so residents' data stays in the UK. */
export const UK_REGION = 'eu-west-2';

/** A stage asked to deploy where SES cannot receive mail. */
export class RegionCannotReceiveMailError extends Error {
  override readonly name = 'RegionCannotReceiveMailError';
  constructor(readonly region: string) {
    super(
      `SES cannot receive mail in ${region}. Deploy to ${UK_REGION} (London) so residents' data stays in the UK, ` +
        `or to another receiving region: ${[...SES_RECEIVING_REGIONS].join(', ')}`,
    );
  }
}

/** The inbound SMTP host an MX record names for a region. */
export const inboundSmtpHost = (region: string): string => `inbound-smtp.${region}.amazonaws.com`;
