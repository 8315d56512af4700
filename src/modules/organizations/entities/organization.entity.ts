import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const ORGANIZATION_KINDS = ['ngo', 'youth_organization', 'private_company', 'state_body'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** An NGO (ҮЕҰ/НПО), a host organization (қабылдаушы ұйым) or another legal entity, by BIN. */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 12, unique: true })
  bin: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  kind: OrganizationKind;

  @Column({ type: 'varchar', length: 20 })
  regionCode: string;

  @Column({ type: 'date' })
  registeredOn: string;

  /** Legal address, as printed on the documents of the competitions it organizes. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  headName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  accountantName: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
