package dev.tollgate.server.credit;

import dev.tollgate.core.credit.Denomination;
import dev.tollgate.core.credit.Grant;
import dev.tollgate.core.credit.GrantClass;
import dev.tollgate.core.credit.MeterScope;
import dev.tollgate.server.store.SqlTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/** Reads grant rows. Columns are selected with the prefix {@code g_} so they can sit in a join. */
final class GrantRows {
  static final String COLUMNS =
      "g.root_id AS g_root_id, g.id AS g_id, g.account_id AS g_account_id, g.class AS g_class,"
          + " g.denomination AS g_denomination, g.unit AS g_unit, g.meters AS g_meters,"
          + " g.effective_at AS g_effective_at, g.expires_at AS g_expires_at, g.priority AS g_priority,"
          + " g.created_at AS g_created_at, g.amount AS g_amount, g.remaining AS g_remaining,"
          + " g.requires_edition AS g_requires_edition, g.voided_at AS g_voided_at,"
          + " g.funded_by AS g_funded_by, g.source_kind AS g_source_kind, g.source_id AS g_source_id";

  private GrantRows() {}

  static StoredGrant map(ResultSet rs) throws SQLException {
    Array meters = rs.getArray("g_meters");
    MeterScope scope = meters == null
        ? MeterScope.allMeters()
        : MeterScope.meters(Set.of((String[]) meters.getArray()));
    Grant grant = new Grant(
        rs.getString("g_id"),
        GrantClass.fromCode(rs.getString("g_class")),
        Denomination.fromCode(rs.getString("g_denomination")),
        scope,
        SqlTime.read(rs, "g_effective_at"),
        SqlTime.read(rs, "g_expires_at"),
        rs.getInt("g_priority"),
        SqlTime.read(rs, "g_created_at"),
        rs.getLong("g_amount"),
        rs.getLong("g_remaining"),
        rs.getBoolean("g_requires_edition"),
        rs.getObject("g_voided_at") != null);
    return new StoredGrant(
        rs.getString("g_root_id"), rs.getString("g_account_id"), grant, rs.getString("g_unit"),
        rs.getString("g_funded_by"), rs.getString("g_source_kind"), rs.getString("g_source_id"));
  }

  /** The meters column: null for every meter, else the sorted names. */
  static String[] meters(MeterScope scope) {
    return scope instanceof MeterScope.Meters m ? m.meterNames().stream().sorted().toArray(String[]::new) : null;
  }
}
