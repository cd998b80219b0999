import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export type SendingIdentity =
  | { readonly kind: 'email' }
  | { readonly kind: 'domain'; readonly domain: string };

export interface MailSendingProps {
  /** The From address of every message (product config `mail.sender`). */
  readonly sender: string;
  /**
   * The address SES receives for (`mail.intakeAddress`): SES receives only for verified domains,
   * so its domain gets an identity here unless the sending identity is that domain already.
   */
  readonly receivingAddress?: string;
  readonly identity: SendingIdentity;
  /**
   * Sandbox accounts may only send to verified identities: when given, each address becomes an
   * identity (SES mails it a verification link) that the functions may send to.
   */
  readonly recipientsToVerify: readonly string[];
}

/** The dimension SES publishes per-configuration-set metrics under (an SES auto-tag). */
export const CONFIGURATION_SET_DIMENSION = 'ses:configuration-set';

/**
 * SES v2 sending: the sender's identity, and a configuration set every message goes through. The
 * set requires TLS to the receiving server, keeps bounced and complaining addresses off the send
 * list, and publishes send, delivery, bounce, complaint and reject counts to CloudWatch, where the
 * bounce and complaint alarms watch them.
 */
export class MailSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly recipientIdentities: readonly ses.EmailIdentity[];
  /** The identity of the receiving domain, when it is not the sending identity. */
  readonly receivingIdentity?: ses.EmailIdentity;
  private readonly sender: string;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.sender = props.sender;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Metrics', {
      destination: ses.EventDestination.cloudWatchDimensions([
        {
          name: CONFIGURATION_SET_DIMENSION,
          source: ses.CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: 'none',
        },
      ]),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.RENDERING_FAILURE,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    this.identity = new ses.EmailIdentity(this, 'Sender', {
      identity:
        props.identity.kind === 'domain'
          ? ses.Identity.domain(props.identity.domain)
          : ses.Identity.email(props.sender),
      configurationSet: this.configurationSet,
    });
    const receivingDomain = props.receivingAddress?.split('@')[1]?.toLowerCase();
    if (
      receivingDomain &&
      !(props.identity.kind === 'domain' && props.identity.domain.toLowerCase() === receivingDomain)
    )
      this.receivingIdentity = new ses.EmailIdentity(this, 'Receiving', {
        identity: ses.Identity.domain(receivingDomain),
      });
    this.recipientIdentities = [...new Set(props.recipientsToVerify)]
      .filter((address) => address !== props.sender)
      .map(
        (address) =>
          new ses.EmailIdentity(this, `Recipient ${address}`, { identity: ses.Identity.email(address) }),
      );
  }

  /** ARN of the configuration set (SendEmail is authorised against it as well as the identity). */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** Lets a role send mail From the configured sender only, through this configuration set. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.identity.emailIdentityArn,
          this.configurationSetArn,
          ...this.recipientIdentities.map((identity) => identity.emailIdentityArn),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.sender } },
      }),
    );
  }
}
