import { Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { EnvironmentVariables } from '../../../config/env.validation';

export interface OutgoingMail {
  messageId: string;
  to: string;
  /** Display name for MAIL_FROM's address (the competition's organizer); MAIL_FROM as it is when absent. */
  fromName?: string | null;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Builds nodemailer's pooled SMTP options from SMTP_URL (user and password in the URL). */
export function smtpOptions(smtpUrl: string, maxConnections: number): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    pool: true,
    maxConnections,
    maxMessages: 1000,
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

/** The only place that talks SMTP. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  private readonly fromAddress: string;

  constructor(private readonly env: EnvironmentVariables) {
    this.transporter = nodemailer.createTransport(smtpOptions(env.SMTP_URL, env.SMTP_POOL_CONNECTIONS));
    const [parsed] = addressparser(env.MAIL_FROM, { flatten: true });
    this.fromAddress = parsed?.address || env.MAIL_FROM;
  }

  /** Resolves with the server's answer (e.g. "250 OK: queued as …"). */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transporter.sendMail({
      from: mail.fromName ? { name: mail.fromName, address: this.fromAddress } : this.env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
    return String(info.response ?? '');
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
