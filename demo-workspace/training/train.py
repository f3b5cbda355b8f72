"""ResNet-50 training entry point, run by SageMaker inside the PyTorch training container.

SageMaker passes hyperparameters as command-line flags and the data channels as
SM_CHANNEL_* folders; the model saved to SM_MODEL_DIR is uploaded to the job's output path.
"""
import argparse
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from torchvision import datasets, models, transforms


def loaders(train_dir: str, val_dir: str, batch_size: int, num_workers: int):
    normalize = transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    train_set = datasets.ImageFolder(
        train_dir,
        transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(), transforms.ToTensor(), normalize]),
    )
    val_set = datasets.ImageFolder(
        val_dir,
        transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(), normalize]),
    )
    # num_workers is the usual bottleneck on p3.8xlarge (32 vCPUs, 4 GPUs): watch GPU utilization.
    train = DataLoader(train_set, batch_size=batch_size, sampler=DistributedSampler(train_set), num_workers=num_workers, pin_memory=True)
    val = DataLoader(val_set, batch_size=batch_size, num_workers=num_workers, pin_memory=True)
    return train, val


def evaluate(model: nn.Module, val: DataLoader, device: torch.device) -> float:
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for images, labels in val:
            outputs = model(images.to(device, non_blocking=True))
            correct += (outputs.argmax(1) == labels.to(device)).sum().item()
            total += labels.size(0)
    return correct / max(total, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--batch_size", type=int, default=256)
    parser.add_argument("--num_workers", type=int, default=2)
    parser.add_argument("--learning_rate", type=float, default=0.1)
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN"))
    parser.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION"))
    args = parser.parse_args()

    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    device = torch.device("cuda", local_rank)
    torch.cuda.set_device(device)

    train, val = loaders(args.train, args.validation, args.batch_size, args.num_workers)
    model = DistributedDataParallel(models.resnet50(weights=None).to(device), device_ids=[local_rank])
    optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        train.sampler.set_epoch(epoch)
        for step, (images, labels) in enumerate(train):
            loss = loss_fn(model(images.to(device, non_blocking=True)), labels.to(device, non_blocking=True))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if step % 100 == 0 and dist.get_rank() == 0:
                print(f"epoch={epoch} step={step} train_loss={loss.item():.4f}", flush=True)
        scheduler.step()
        if dist.get_rank() == 0:
            print(f"epoch={epoch} val_top1={evaluate(model.module, val, device):.4f}", flush=True)

    if dist.get_rank() == 0:
        torch.save(model.module.state_dict(), os.path.join(args.model_dir, "model.pt"))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
