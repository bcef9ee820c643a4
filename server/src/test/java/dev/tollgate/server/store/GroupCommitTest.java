package dev.tollgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void answersEveryRequestWithItsOwnResultInOrder() throws Exception {
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("t", 16, 64, 1,
        batch -> batch.stream().map(i -> i * 10).toList(), (n, t) -> {})) {
      List<CompletableFuture<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(commit.submit(i));
      }
      for (int i = 0; i < 50; i++) {
        assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * 10);
      }
    }
  }

  @Test
  void groupsRequestsThatArriveWhileABatchIsCommitting() throws Exception {
    CountDownLatch firstBatchStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("t", 100, 1000, 1, batch -> {
      firstBatchStarted.countDown();
      await(release);
      return batch;
    }, (n, t) -> sizes.add(n))) {
      CompletableFuture<Integer> first = commit.submit(0);
      firstBatchStarted.await(5, TimeUnit.SECONDS);
      List<CompletableFuture<Integer>> rest = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        rest.add(commit.submit(i));
      }
      release.countDown();
      first.get(5, TimeUnit.SECONDS);
      for (CompletableFuture<Integer> f : rest) {
        f.get(5, TimeUnit.SECONDS);
      }
    }
    assertThat(sizes).containsExactly(1, 30);
  }

  @Test
  void neverPutsMoreThanBatchMaxInOneTransaction() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch release = new CountDownLatch(1);
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("t", 8, 100, 1, batch -> {
      await(release);
      return batch;
    }, (n, t) -> sizes.add(n))) {
      List<CompletableFuture<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(commit.submit(i));
      }
      release.countDown();
      for (CompletableFuture<Integer> f : answers) {
        f.get(5, TimeUnit.SECONDS);
      }
    }
    assertThat(sizes).allMatch(n -> n <= 8);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
  }

  @Test
  void failsOnlyThePoisonedRequestOfABatch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger transactions = new AtomicInteger();
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("t", 10, 100, 1, batch -> {
      transactions.incrementAndGet();
      await(release);
      if (batch.contains(13)) {
        throw new IllegalArgumentException("13 is poisoned");
      }
      return batch;
    }, (n, t) -> {})) {
      List<CompletableFuture<Integer>> answers = new ArrayList<>();
      for (int i = 10; i < 16; i++) {
        answers.add(commit.submit(i));
      }
      release.countDown();
      for (int i = 0; i < answers.size(); i++) {
        int request = 10 + i;
        if (request == 13) {
          assertThatThrownBy(() -> answers.get(3).get(5, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
        } else {
          assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(request);
        }
      }
    }
  }

  @Test
  void refusesAtOnceWhenTheQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("t", 1, 2, 1, batch -> {
      await(release);
      return batch;
    }, (n, t) -> {})) {
      commit.submit(1);
      Thread.sleep(100); // the writer holds request 1; the queue takes two more
      commit.submit(2);
      commit.submit(3);
      CompletableFuture<Integer> overflow = commit.submit(4);
      assertThat(overflow).isCompletedExceptionally();
      assertThatThrownBy(overflow::join).hasCauseInstanceOf(GroupCommit.Overloaded.class);
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
