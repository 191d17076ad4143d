import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import {
  CertificateDto,
  CertificateListDto,
  CertificationService,
  CreateCertificateDto,
  ImportQueryDto,
  ImportResultDto,
  InspectionDto,
  InspectionListDto,
  InspectionsService,
  ListCertificatesQueryDto,
  ListInspectionsQueryDto,
  RecordInspectionDto,
  RegistryImportService,
  RenewCertificateDto,
  RevokeCertificateDto,
  UpdateCertificateDto,
} from '@ocop/certification';
import { CurrentUser, Roles } from '@ocop/web';

export const idParam = (name = 'id') => new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(name, 'must be a UUID') });

/** `/api/admin/certificates`: the OCOP certificate registry, its CSV import, revocation, renewal and inspections. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/certificates')
@Roles('admin')
export class AdminCertificatesController {
  constructor(
    private readonly certification: CertificationService,
    private readonly importer: RegistryImportService,
    private readonly inspections: InspectionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The registry, newest first (soonest to lapse first with expiringWithinDays); status is derived' })
  @ApiOkResponse({ type: CertificateListDto })
  list(@CurrentUser() actor: Actor, @Query() query: ListCertificatesQueryDto) {
    return this.certification.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Record a certificate; expiresAt defaults to 00:00 Vietnam time on the same date 36 months after decisionDate' })
  @ApiCreatedResponse({ type: CertificateDto })
  create(@CurrentUser() actor: Actor, @Body() body: CreateCertificateDto) {
    return this.certification.create(actor, body);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import the registry from CSV (one certificate a row; header decisionNo, certificateNo, decisionDate, issuingBody, level, vendor, productName, productGroup, stars, expiresAt?, status?, revokeReason?)',
    description: 'Idempotent by decision number + product name. `?dryRun=true` reports what would change and writes nothing. Rejected rows carry their line number (the header is row 1).',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: 'decisionNo,decisionDate,issuingBody,level,vendor,productName,productGroup,stars\n1032/QĐ-UBND,2025-03-01,UBND thành phố Hà Nội,provincial,0101234567,Bình gốm men lam,handicrafts,4',
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  import(@CurrentUser() actor: Actor, @Body() body: unknown, @Query() query: ImportQueryDto) {
    if (body !== undefined && body !== null && typeof body !== 'string') throw new ValidationError('csv', 'send the file as the request body with Content-Type: text/csv');
    const csv = typeof body === 'string' ? body : '';
    const dryRun = query.dryRun === 'true' || query.dryRun === '1';
    return dryRun ? this.importer.preview(actor, csv) : this.importer.apply(actor, csv);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One certificate with its vendor' })
  @ApiOkResponse({ type: CertificateDto })
  get(@CurrentUser() actor: Actor, @Param('id', idParam()) id: string) {
    return this.certification.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Correct registry fields of an active certificate' })
  @ApiOkResponse({ type: CertificateDto })
  update(@CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() body: UpdateCertificateDto) {
    return this.certification.update(actor, id, body);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke: every product under it is delisted in the same transaction; 409 `already_revoked` or `superseded`' })
  @ApiOkResponse({ type: CertificateDto })
  revoke(@CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() body: RevokeCertificateDto) {
    return this.certification.revoke(actor, id, body);
  }

  @Post(':id/renew')
  @ApiOperation({ summary: 'Renew after re-evaluation: a new certificate supersedes this one; its products move over and those the system delisted are relisted' })
  @ApiCreatedResponse({ type: CertificateDto })
  renew(@CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() body: RenewCertificateDto) {
    return this.certification.renew(actor, id, body);
  }

  @Post(':id/inspections')
  @ApiOperation({ summary: 'Record a post-recognition inspection (sample test) of this certificate' })
  @ApiCreatedResponse({ type: InspectionDto })
  recordInspection(@CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() body: RecordInspectionDto) {
    return this.inspections.record(actor, id, body);
  }

  @Get(':id/inspections')
  @ApiOperation({ summary: 'The inspections of this certificate, newest first' })
  @ApiOkResponse({ type: InspectionListDto })
  async listInspections(@CurrentUser() actor: Actor, @Param('id', idParam()) id: string) {
    await this.certification.get(actor, id);
    return this.inspections.list(actor, { certificateId: id, limit: 200 });
  }
}

/** `GET /api/admin/inspections`: every post-inspection, newest first. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/inspections')
@Roles('admin')
export class AdminInspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  @ApiOperation({ summary: 'Inspections, newest first; filter by result or certificate' })
  @ApiOkResponse({ type: InspectionListDto })
  list(@CurrentUser() actor: Actor, @Query() query: ListInspectionsQueryDto) {
    return this.inspections.list(actor, query);
  }
}
