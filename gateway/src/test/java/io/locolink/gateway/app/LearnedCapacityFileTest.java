package io.locolink.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.BatteryEstimator;
import io.locolink.gateway.estimation.LearnedCapacity;
import io.locolink.gateway.estimation.PackTopology;
import io.locolink.gateway.storage.FileIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned battery capacity kept in the state directory across restarts, and a damaged file survived. */
class LearnedCapacityFileTest {

  private static final LearnedCapacity LEARNED = new LearnedCapacity(1400, 88.5, 1.7);

  @Test
  void aLearnedCapacityIsWrittenOnceAndTheNextStartTakesIt(@TempDir Path state) throws Exception {
    BatteryEstimator first = estimator();
    first.useLearnedCapacity(LEARNED);  // stands for one learned from OCV readings: the same value offered
    LearnedCapacityFile file = new LearnedCapacityFile(state, FileIo.SYSTEM);
    file.saveIfChanged(first);
    Path kept = state.resolve(LearnedCapacityFile.NAME);
    assertTrue(Files.exists(kept));
    long written = Files.getLastModifiedTime(kept).toMillis();
    Files.setLastModifiedTime(kept, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    file.saveIfChanged(first);
    assertEquals(written - 60_000, Files.getLastModifiedTime(kept).toMillis(), "unchanged: not written again");

    BatteryEstimator restarted = estimator();
    new LearnedCapacityFile(state, FileIo.SYSTEM).loadInto(restarted);
    assertEquals(LEARNED, restarted.learnedCapacity().orElseThrow());
  }

  @Test
  void aDamagedFileIsSetAsideAndTheStartGoesOnFromTheBms(@TempDir Path state) throws Exception {
    for (String damaged : List.of("ratedAh=1400\nsohPercent=banana\nsigmaPercent=2\n",
        "ratedAh=1400\nsohPercent=450\nsigmaPercent=2\n", "\u0000\u0001garbage")) {
      Files.writeString(state.resolve(LearnedCapacityFile.NAME), damaged);
      BatteryEstimator restarted = estimator();
      new LearnedCapacityFile(state, FileIo.SYSTEM).loadInto(restarted);
      assertTrue(restarted.learnedCapacity().isEmpty(), "nothing taken from " + damaged);
      assertTrue(Files.exists(state.resolve(LearnedCapacityFile.NAME + ".corrupt")), "set aside for a look");
      assertTrue(!Files.exists(state.resolve(LearnedCapacityFile.NAME)));
      assertEquals(damaged, Files.readString(state.resolve(LearnedCapacityFile.NAME + ".corrupt")), "kept as it was");
    }
  }

  private static BatteryEstimator estimator() {
    return BatteryEstimator.create(EstimationConfig.defaults(), PackTopology.reference());
  }
}
