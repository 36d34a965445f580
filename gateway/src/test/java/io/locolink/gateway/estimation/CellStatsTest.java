package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.locolink.gateway.acquisition.QualityFlag;
import org.junit.jupiter.api.Test;

/** Cell statistics per frame, leaving flagged cells out. */
class CellStatsTest {

  @Test
  void extremesMeanAndWhichCellLeavingFlaggedCellsOut() {
    SnapshotBuilder b = new SnapshotBuilder().cells(3.30, 3.28, 0.00, 3.35).temps(21, 25, 19, 22);
    b.cellVFlags[2] = QualityFlag.BUS_ERROR.bit(); // a dead tap reads 0 V: not the pack's minimum
    CellStats s = CellStats.of(b.build().pack());
    assertEquals(3.28, s.minV());
    assertEquals(1, s.minIndex());
    assertEquals(3.35, s.maxV());
    assertEquals(3, s.maxIndex());
    assertEquals((3.30 + 3.28 + 3.35) / 3, s.meanV(), 1e-12);
    assertEquals(0.07, s.spreadV(), 1e-12);
    assertEquals(19.0, s.minTempC());
    assertEquals(2, s.minTempIndex());
    assertEquals(6.0, s.tempSpreadC());
  }
}
